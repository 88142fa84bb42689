package org.cpmserver.it.blackbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends prepared bytes (not templates: every octet as given) to the server over a fresh UDP
 * socket or TCP connection on loopback and records everything that comes back: the messages on
 * that socket or connection, whether the server closed the connection, and whatever reached a
 * second, listening-only UDP socket that the message's other addresses point to.
 */
final class SipWire {

    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 ([0-9]{3}) ?([^\\r\\n]*)");
    private static final Pattern CSEQ_METHOD = Pattern.compile("(?im)^CSeq\\s*:\\s*[0-9]+\\s+(\\S+)");
    private static final Pattern LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*([0-9]+)");

    /** Builds the bytes to send once the test's ports are known. */
    interface Message {
        byte[] bytes(String transport, int topViaPort, int otherPort);
    }

    /** What one exchange produced. */
    static final class Outcome {
        final List<String> received = new ArrayList<>();
        final List<String> escaped = new ArrayList<>();
        boolean closed;
        String sent;

        /** The status codes of the responses received, in order. */
        List<Integer> statuses() {
            List<Integer> s = new ArrayList<>();
            for (String m : received) {
                s.add(status(m));
            }
            return s;
        }

        /**
         * The final response that answers the request: the first final response whose CSeq method
         * is {@code method}, else the first final response; null if none.
         */
        String finalResponse(String method) {
            String first = null;
            for (String m : received) {
                int s = status(m);
                if (s >= 200) {
                    if (method != null && method.equals(cseqMethod(m))) {
                        return m;
                    }
                    if (first == null) {
                        first = m;
                    }
                }
            }
            return first;
        }

        /** One line per distinct message received; "closed" and anything escaped are noted too. */
        String summary() {
            List<String> parts = new ArrayList<>();
            for (String m : received) {
                String line = firstLine(m);
                if (!parts.contains(line)) {
                    parts.add(line);
                }
            }
            StringBuilder sb = new StringBuilder(parts.isEmpty() ? "no response" : String.join(" + ", parts));
            if (closed) {
                sb.append(parts.isEmpty() ? ", connection closed" : " (connection then closed)");
            }
            if (!escaped.isEmpty()) {
                sb.append("; SENT ELSEWHERE: ").append(firstLine(escaped.get(0)));
            }
            return sb.toString();
        }
    }

    private SipWire() {
    }

    static int status(String message) {
        Matcher m = STATUS.matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    static String reason(String message) {
        Matcher m = STATUS.matcher(message);
        return m.find() ? m.group(2) : "";
    }

    static String cseqMethod(String message) {
        int end = headerEnd(message);
        Matcher m = CSEQ_METHOD.matcher(end < 0 ? message : message.substring(0, end));
        return m.find() ? m.group(1) : null;
    }

    static String firstLine(String message) {
        int end = message.indexOf("\r\n");
        return end < 0 ? message : message.substring(0, end);
    }

    private static int headerEnd(String message) {
        return message.indexOf("\r\n\r\n");
    }

    /**
     * Sends over UDP and waits up to {@code wait} for a final response, then {@code quiet} more
     * for anything else.
     */
    static Outcome udp(int serverPort, Message message, Duration wait, Duration quiet) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(lo, 0));
                DatagramSocket listener = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            Outcome outcome = new Outcome();
            byte[] out = message.bytes("UDP", socket.getLocalPort(), listener.getLocalPort());
            outcome.sent = new String(out, StandardCharsets.ISO_8859_1);
            socket.send(new DatagramPacket(out, out.length, new InetSocketAddress(lo, serverPort)));
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] in = new byte[65535];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    break;
                }
                String m = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
                outcome.received.add(m);
                if (status(m) >= 200 || status(m) < 0) {
                    deadline = Math.min(deadline, System.nanoTime() + quiet.toNanos());
                }
            }
            drain(listener, outcome);
            return outcome;
        }
    }

    /** The same over a new TCP connection; a read of end-of-stream or a reset counts as closed. */
    static Outcome tcp(int serverPort, Message message, Duration wait, Duration quiet) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (Socket socket = new Socket(lo, serverPort);
                DatagramSocket listener = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            Outcome outcome = new Outcome();
            byte[] out = message.bytes("TCP", socket.getLocalPort(), listener.getLocalPort());
            outcome.sent = new String(out, StandardCharsets.ISO_8859_1);
            socket.getOutputStream().write(out);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] chunk = new byte[8192];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n;
                try {
                    n = in.read(chunk);
                } catch (SocketTimeoutException e) {
                    break;
                } catch (IOException reset) {
                    outcome.closed = true;
                    break;
                }
                if (n < 0) {
                    outcome.closed = true;
                    break;
                }
                buffer.write(chunk, 0, n);
                String pending = buffer.toString(StandardCharsets.ISO_8859_1);
                int used = 0;
                while (true) {
                    String rest = pending.substring(used);
                    while (rest.startsWith("\r\n")) { // keep-alive CRLFs
                        rest = rest.substring(2);
                        used += 2;
                    }
                    int end = headerEnd(rest);
                    if (end < 0) {
                        break;
                    }
                    Matcher len = LENGTH.matcher(rest.substring(0, end));
                    int total = end + 4 + (len.find() ? Integer.parseInt(len.group(1)) : 0);
                    if (rest.length() < total) {
                        break;
                    }
                    String m = rest.substring(0, total);
                    outcome.received.add(m);
                    used += total;
                    if (status(m) >= 200 || status(m) < 0) {
                        deadline = Math.min(deadline, System.nanoTime() + quiet.toNanos());
                    }
                }
                buffer.reset();
                buffer.write(pending.substring(used).getBytes(StandardCharsets.ISO_8859_1));
            }
            drain(listener, outcome);
            return outcome;
        }
    }

    private static void drain(DatagramSocket listener, Outcome outcome) throws IOException {
        listener.setSoTimeout(150);
        byte[] in = new byte[65535];
        while (true) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                listener.receive(p);
            } catch (SocketTimeoutException e) {
                return;
            }
            outcome.escaped.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1));
        }
    }
}
