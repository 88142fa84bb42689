package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A registered device for the tests that must react to what arrives while the test runs (sipp
 * reports only when it exits): listens on a loopback UDP port, answers every request 200 OK and
 * hands each new request (retransmissions dropped) to the test in arrival order.
 */
final class UdpDevice implements AutoCloseable {

    private final DatagramSocket socket;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final List<String> seenBranches = new ArrayList<>();
    private final Thread loop;

    /** Header lines (each ending in CRLF) added to every 200 the device sends, e.g. its own Contact. */
    private final String extraResponseHeaders;

    UdpDevice(int port) throws SocketException {
        this(port, "");
    }

    UdpDevice(int port, String extraResponseHeaders) throws SocketException {
        this.extraResponseHeaders = extraResponseHeaders;
        socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
        loop = new Thread(this::serve, "udp-device-" + port);
        loop.setDaemon(true);
        loop.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The next request that arrives within {@code timeout}, or null. */
    String next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Fails unless exactly {@code count} requests arrive within {@code timeout}; returns them. */
    List<String> take(int count, Duration timeout) throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (got.size() < count) {
            long left = deadline - System.nanoTime();
            String r = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (r == null) {
                throw new AssertionError("only " + got.size() + " of " + count + " requests arrived within " + timeout + ": " + got);
            }
            got.add(r);
        }
        return got;
    }

    /** The body of a request. */
    static String body(String request) {
        int blank = request.indexOf("\r\n\r\n");
        return blank < 0 ? "" : request.substring(blank + 4);
    }

    private void serve() {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (IOException closed) {
                return;
            }
            String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (text.startsWith("SIP/2.0")) {
                continue; // a response: not for us
            }
            StringBuilder ok = new StringBuilder("SIP/2.0 200 OK\r\n");
            String branch = null;
            for (String line : text.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase();
                switch (name) {
                    case "via", "v" -> {
                        ok.append(line).append("\r\n");
                        if (branch == null && line.contains("branch=")) {
                            branch = line.substring(line.indexOf("branch=") + 7).split("[;,\\s]")[0];
                        }
                    }
                    case "from", "f", "call-id", "i", "cseq" -> ok.append(line).append("\r\n");
                    case "to", "t" -> ok.append(line).append(line.contains("tag=") ? "" : ";tag=dev").append("\r\n");
                    default -> { }
                }
            }
            ok.append(extraResponseHeaders);
            ok.append("Content-Length: 0\r\n\r\n");
            byte[] out = ok.toString().getBytes(StandardCharsets.UTF_8);
            try {
                socket.send(new DatagramPacket(out, out.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
            synchronized (seenBranches) {
                if (branch != null && seenBranches.contains(branch)) {
                    continue; // a retransmission, answered again but counted once
                }
                seenBranches.add(branch);
            }
            received.add(text);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        loop.join(2000);
    }
}
