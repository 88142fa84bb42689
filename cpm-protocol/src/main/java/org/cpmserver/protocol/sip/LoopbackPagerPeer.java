package org.cpmserver.protocol.sip;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

/**
 * A SIP user agent over UDP on this host that plays both ends of pager traffic through a SIP
 * listener: it sends MESSAGEs to the listener, keeping a fixed number in flight, and answers
 * {@code 200 OK} to every MESSAGE the listener sends to its own contact. The node's warm-up
 * drives its signalling path with it before the node says it is ready (see the SIP module's
 * {@code SignallingWarmUp}); it is plain Java and no container type, so it is tested alone.
 *
 * <p>One thread calls {@link #run}; the socket is bound to the loopback address when the
 * listener is on it, otherwise to the wildcard address (the listener is on this host either way).
 */
public final class LoopbackPagerPeer implements Closeable {

    private static final int MAX_DATAGRAM = 65_535;
    /** How long an answer may take before its message counts as lost and another takes its place. */
    static final Duration LOST_AFTER = Duration.ofSeconds(4);

    private final DatagramSocket socket;
    private final InetSocketAddress listener;
    private final String ownHostPort;

    /** What a run did. */
    public record Result(int answered, int refused, int lost, Duration took) {

        /** Messages that got a final answer, of any class. */
        public int completed() {
            return answered + refused;
        }
    }

    public LoopbackPagerPeer(InetSocketAddress listener) throws IOException {
        this.listener = listener;
        this.socket = listener.getAddress().isLoopbackAddress()
                ? new DatagramSocket(0, listener.getAddress())
                : new DatagramSocket(0);
        String own = listener.getAddress().isLoopbackAddress() ? listener.getAddress().getHostAddress()
                : socket.getLocalAddress().isAnyLocalAddress() ? listener.getAddress().getHostAddress()
                : socket.getLocalAddress().getHostAddress();
        this.ownHostPort = SipOptionsPing.hostPort(own, socket.getLocalPort());
    }

    /** The contact at which this peer answers MESSAGEs (the listener's leg to the "device"). */
    public String contactUri() {
        return "sip:warm-up@" + ownHostPort + ";transport=udp";
    }

    /**
     * Sends {@code messages} MESSAGEs to {@code requestUri} at the listener, {@code concurrency}
     * at a time, each carrying {@code extraHeaders}; answers every MESSAGE it receives meanwhile.
     * Ends when every message got a final answer or counted as lost, or at {@code limit}.
     *
     * @param progress told the number of completed messages after each completion
     */
    public Result run(String requestUri, int messages, int concurrency, Map<String, String> extraHeaders, Duration limit,
            IntConsumer progress) throws IOException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        Map<String, Long> inFlight = new LinkedHashMap<>();
        int sent = 0;
        int answered = 0;
        int refused = 0;
        int lost = 0;
        byte[] buffer = new byte[MAX_DATAGRAM];
        socket.setSoTimeout(50);
        while (answered + refused + lost < messages && System.nanoTime() < deadline && !socket.isClosed()) {
            while (inFlight.size() < concurrency && sent < messages) {
                String callId = send(requestUri, extraHeaders);
                inFlight.put(callId, System.nanoTime());
                sent++;
            }
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (text.startsWith("SIP/2.0 ")) {
                    int status = SipOptionsPing.statusCode(text);
                    if (status >= 200 && inFlight.remove(header(text, "call-id", "i")) != null) {
                        if (status < 300) {
                            answered++;
                        } else {
                            refused++;
                        }
                        progress.accept(answered + refused);
                    }
                } else if (text.startsWith("MESSAGE ")) {
                    reply(text, packet.getSocketAddress());
                }
            } catch (SocketTimeoutException quiet) {
                // nothing arrived: look for lost messages, then send on
            }
            long lostBefore = System.nanoTime() - LOST_AFTER.toNanos();
            for (Iterator<Long> it = inFlight.values().iterator(); it.hasNext();) {
                if (it.next() < lostBefore) {
                    it.remove();
                    lost++;
                }
            }
        }
        lost += inFlight.size();
        return new Result(answered, refused, lost, Duration.ofNanos(System.nanoTime() - start));
    }

    private String send(String requestUri, Map<String, String> extraHeaders) throws IOException {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
        String callId = id + "@warm-up";
        String from = "sip:warm-up@" + ownHostPort;
        byte[] body = ("From: <" + from + ">\r\n"
                + "To: <" + requestUri + ">\r\n"
                + "DateTime: " + java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC) + "\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: " + id + "\r\n"
                + "imdn.Disposition-Notification: positive-delivery, display\r\n"
                + "\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n"
                + "\r\n"
                + "warm-up " + id).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(512)
                .append("MESSAGE ").append(requestUri).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP ").append(ownHostPort).append(";branch=z9hG4bK").append(id).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <").append(from).append(">;tag=").append(id, 0, 8).append("\r\n")
                .append("To: <").append(requestUri).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: 1 MESSAGE\r\n");
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Type: message/cpim\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] datagram = new byte[start.length + body.length];
        System.arraycopy(start, 0, datagram, 0, start.length);
        System.arraycopy(body, 0, datagram, start.length, body.length);
        socket.send(new DatagramPacket(datagram, datagram.length, listener));
        return callId;
    }

    /** 200 OK to a MESSAGE (RFC 3261 §8.2.6: the request's Vias, From, Call-ID and CSeq; To with a tag). */
    private void reply(String request, SocketAddress to) throws IOException {
        StringBuilder response = new StringBuilder(512).append("SIP/2.0 200 OK\r\n");
        for (String via : headers(request, "via", "v")) {
            response.append("Via: ").append(via).append("\r\n");
        }
        String toHeader = header(request, "to", "t");
        response.append("From: ").append(header(request, "from", "f")).append("\r\n")
                .append("To: ").append(toHeader).append(toHeader.contains(";tag=") ? "" : ";tag=warm-up").append("\r\n")
                .append("Call-ID: ").append(header(request, "call-id", "i")).append("\r\n")
                .append("CSeq: ").append(header(request, "cseq", null)).append("\r\n")
                .append("Content-Length: 0\r\n\r\n");
        byte[] out = response.toString().getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(out, out.length, to));
    }

    /** The first value of a header (by its name or compact form), or "" when absent. */
    static String header(String message, String name, String compact) {
        List<String> values = headers(message, name, compact);
        return values.isEmpty() ? "" : values.get(0);
    }

    /** Every value of a header, in order; header lines only, folded lines not expected here. */
    static List<String> headers(String message, String name, String compact) {
        List<String> values = new ArrayList<>(2);
        int end = message.indexOf("\r\n\r\n");
        String head = end < 0 ? message : message.substring(0, end);
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String n = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            if (n.equals(name) || n.equals(compact)) {
                values.add(lines[i].substring(colon + 1).trim());
            }
        }
        return values;
    }

    @Override
    public void close() {
        socket.close();
    }
}
