package org.cpmserver.protocol.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SipOptionsPingTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void requestIsWellFormed() {
        String r = SipOptionsPing.request("UDP", "127.0.0.1", 4000, "sip:localhost", "z9hG4bK0123456789abcdef");
        assertTrue(r.startsWith("OPTIONS sip:localhost SIP/2.0\r\n"));
        assertTrue(r.contains("Via: SIP/2.0/UDP 127.0.0.1:4000;branch=z9hG4bK0123456789abcdef;rport\r\n"));
        assertTrue(r.contains("CSeq: 1 OPTIONS\r\n"));
        assertTrue(r.endsWith("Content-Length: 0\r\n\r\n"));
    }

    @Test
    void readsStatusCodes() {
        assertEquals(200, SipOptionsPing.statusCode("SIP/2.0 200 OK\r\n"));
        assertEquals(-1, SipOptionsPing.statusCode("HTTP/1.1 200 OK\r\n"));
        assertEquals(-1, SipOptionsPing.statusCode("SIP/2.0 2x0 OK\r\n"));
    }

    @Test
    void udpPingReturnsTheFinalStatusOfTheMatchingTransaction() throws Exception {
        try (DatagramSocket server = new DatagramSocket(0, LOOPBACK)) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try {
                    byte[] buf = new byte[4096];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    server.receive(p);
                    String req = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                    String via = req.lines().filter(l -> l.startsWith("Via:")).findFirst().orElseThrow();
                    reply(server, p, "SIP/2.0 200 OK\r\n" + via.replace("branch=z9hG4bK", "branch=z9hG4bKother") + "\r\n\r\n");
                    reply(server, p, "SIP/2.0 100 Trying\r\n" + via + "\r\n\r\n");
                    reply(server, p, "SIP/2.0 486 Busy Here\r\n" + via + "\r\n\r\n");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            int status = SipOptionsPing.ping(SipOptionsPing.Transport.UDP,
                    new InetSocketAddress(LOOPBACK, server.getLocalPort()), "sip:localhost", Duration.ofSeconds(5));
            assertEquals(486, status);
            answer.join();
        }
    }

    @Test
    void udpPingTimesOutWhenNobodyAnswers() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, LOOPBACK)) {
            assertThrows(IOException.class, () -> SipOptionsPing.ping(SipOptionsPing.Transport.UDP,
                    new InetSocketAddress(LOOPBACK, silent.getLocalPort()), "sip:localhost", Duration.ofMillis(300)));
        }
    }

    @Test
    void tcpPingSkipsProvisionalResponses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, LOOPBACK)) {
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    byte[] buf = new byte[4096];
                    int n = s.getInputStream().read(buf);
                    assertTrue(new String(buf, 0, n, StandardCharsets.UTF_8).startsWith("OPTIONS "));
                    s.getOutputStream().write(("SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n"
                            + "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(200, SipOptionsPing.ping(SipOptionsPing.Transport.TCP,
                    new InetSocketAddress(LOOPBACK, server.getLocalPort()), "sip:localhost", Duration.ofSeconds(5)));
            answer.join();
        }
    }

    @Test
    void tcpPingFailsWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        assertThrows(IOException.class, () -> SipOptionsPing.ping(SipOptionsPing.Transport.TCP,
                new InetSocketAddress(LOOPBACK, port), "sip:localhost", Duration.ofMillis(500)));
    }

    private static void reply(DatagramSocket s, DatagramPacket to, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to.getSocketAddress()));
    }
}
