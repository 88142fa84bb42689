package org.cpmserver.protocol.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * A minimal SIP client that sends one OPTIONS to a listener and reads the status code of the
 * answer. The readiness check uses it to prove that a SIP listener really answers, end to end,
 * rather than trusting the container's start-up message.
 */
public final class SipOptionsPing {

    private static final int MAX_RESPONSE = 8192;

    private SipOptionsPing() {
    }

    /** The transports a listener can be probed on. */
    public enum Transport { UDP, TCP }

    /**
     * Sends OPTIONS {@code requestUri} to {@code target} and returns the final status code.
     *
     * @throws IOException when nothing (or no SIP response) came back within {@code timeout}
     */
    public static int ping(Transport transport, InetSocketAddress target, String requestUri, Duration timeout)
            throws IOException {
        return transport == Transport.UDP
                ? overUdp(target, requestUri, timeout)
                : overTcp(target, requestUri, timeout);
    }

    static String request(String transport, String localHost, int localPort, String requestUri, String branch) {
        String callId = UUID.randomUUID() + "@" + localHost;
        return "OPTIONS " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + hostPort(localHost, localPort) + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:health-probe@" + hostPort(localHost, localPort) + ">;tag=" + branch.substring(7, 17) + "\r\n"
                + "To: <" + requestUri + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "User-Agent: cpm-health-probe\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The status code of a SIP response, or -1 when the text is not a SIP/2.0 status line. */
    static int statusCode(String response) {
        if (!response.startsWith("SIP/2.0 ") || response.length() < 11) {
            return -1;
        }
        try {
            return Integer.parseInt(response.substring(8, 11));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code host:port}, an IPv6 literal in brackets (RFC 3261 §25.1, hostport). */
    public static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static String newBranch() {
        return "z9hG4bK" + UUID.randomUUID().toString().replace("-", "");
    }

    private static int overUdp(InetSocketAddress target, String requestUri, Duration timeout) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, localFor(target))) {
            socket.setSoTimeout((int) timeout.toMillis());
            String branch = newBranch();
            byte[] out = request("UDP", socket.getLocalAddress().getHostAddress(), socket.getLocalPort(), requestUri, branch)
                    .getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(out, out.length, target));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] in = new byte[MAX_RESPONSE];
            while (true) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    throw new SocketTimeoutException("no final response to OPTIONS from udp:" + target);
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(in, in.length);
                socket.receive(packet);
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                int status = statusCode(text);
                if (status >= 200 && text.contains(branch)) {
                    return status;
                }
            }
        }
    }

    private static int overTcp(InetSocketAddress target, String requestUri, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(target, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            String branch = newBranch();
            OutputStream out = socket.getOutputStream();
            out.write(request("TCP", socket.getLocalAddress().getHostAddress(), socket.getLocalPort(), requestUri, branch)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder pending = new StringBuilder();
            byte[] buf = new byte[MAX_RESPONSE];
            while (pending.length() < MAX_RESPONSE) {
                int headerEnd;
                while ((headerEnd = pending.indexOf("\r\n\r\n")) >= 0) {
                    int status = statusCode(pending.toString());
                    if (status >= 200) {
                        return status;
                    }
                    // a provisional response (no body): look at what follows it
                    pending.delete(0, headerEnd + 4);
                }
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                pending.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            throw new IOException("no SIP response to OPTIONS from tcp:" + target);
        }
    }

    private static InetAddress localFor(InetSocketAddress target) throws IOException {
        return target.getAddress().isLoopbackAddress() ? target.getAddress() : null;
    }
}
