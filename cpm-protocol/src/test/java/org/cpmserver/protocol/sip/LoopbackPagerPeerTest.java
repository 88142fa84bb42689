package org.cpmserver.protocol.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's peer against a listener written here that behaves as the node does: for each
 * MESSAGE it gets, it sends a MESSAGE to the peer's contact (the device leg), waits for the
 * peer's 200, then answers the first request.
 */
class LoopbackPagerPeerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void drivesEveryMessageThroughTheListenerAndAnswersItsDeviceLegs() throws Exception {
        List<String> deviceAnswers = new CopyOnWriteArrayList<>();
        AtomicInteger requests = new AtomicInteger();
        try (DatagramSocket node = new DatagramSocket(0, LOOPBACK);
                LoopbackPagerPeer peer = new LoopbackPagerPeer(new InetSocketAddress(LOOPBACK, node.getLocalPort()))) {
            String contact = peer.contactUri();
            int nodePort = node.getLocalPort();
            CompletableFuture<Void> listener = CompletableFuture.runAsync(() -> serve(node, contact, requests, deviceAnswers));
            AtomicInteger lastProgress = new AtomicInteger();
            LoopbackPagerPeer.Result result = peer.run("sip:warm-up@127.0.0.1:" + nodePort, 50, 4,
                    Map.of("X-Token", "t0k3n"), Duration.ofSeconds(20), lastProgress::set);
            node.close();
            listener.handle((ok, failure) -> null).join();

            assertEquals(50, requests.get(), "each message sent once");
            assertEquals(45, result.answered(), "every 10th is refused by the listener");
            assertEquals(5, result.refused());
            assertEquals(0, result.lost());
            assertEquals(50, lastProgress.get());
            assertEquals(50, deviceAnswers.size(), "the peer answered every device leg");
            String answer = deviceAnswers.get(0);
            assertTrue(answer.startsWith("SIP/2.0 200 OK\r\n"), answer);
            assertTrue(answer.contains("Via: SIP/2.0/UDP 127.0.0.1:" + nodePort + ";branch=z9hG4bKleg"), answer);
            assertTrue(answer.contains("To: <" + contact + ">;tag=warm-up\r\n"), "a To tag is added: " + answer);
            assertTrue(answer.contains("CSeq: 7 MESSAGE\r\n"), answer);
            assertTrue(answer.contains("Call-ID: leg-"), answer);
        }
    }

    @Test
    void messagesWithoutAnAnswerCountAsLostAndTheRunEndsAtItsLimit() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, LOOPBACK);
                LoopbackPagerPeer peer = new LoopbackPagerPeer(new InetSocketAddress(LOOPBACK, silent.getLocalPort()))) {
            long start = System.nanoTime();
            LoopbackPagerPeer.Result result = peer.run("sip:warm-up@127.0.0.1:" + silent.getLocalPort(), 100, 3, Map.of(),
                    Duration.ofMillis(400), n -> { });
            assertEquals(0, result.completed());
            assertEquals(3, result.lost(), "the three in flight when the time was up");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
        }
    }

    @Test
    void readsHeadersByFullAndCompactName() {
        String message = "SIP/2.0 200 OK\r\nv: SIP/2.0/UDP a\r\nVia: SIP/2.0/UDP b\r\ni: abc\r\nContent-Length: 0\r\n\r\n";
        assertEquals(List.of("SIP/2.0/UDP a", "SIP/2.0/UDP b"), LoopbackPagerPeer.headers(message, "via", "v"));
        assertEquals("abc", LoopbackPagerPeer.header(message, "call-id", "i"));
        assertEquals("", LoopbackPagerPeer.header(message, "cseq", null));
    }

    /** The node's part: device leg to the peer's contact, then the answer to the peer's request. */
    private static void serve(DatagramSocket node, String contact, AtomicInteger requests, List<String> deviceAnswers) {
        byte[] buffer = new byte[65_535];
        Map<String, DatagramPacket> waiting = new java.util.HashMap<>();
        int port = Integer.parseInt(contact.replaceAll(".*:(\\d+);transport=udp", "$1"));
        try {
            while (true) {
                DatagramPacket p = new DatagramPacket(buffer, buffer.length);
                node.receive(p);
                String text = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
                if (text.startsWith("SIP/2.0 ")) {
                    deviceAnswers.add(text);
                    DatagramPacket request = waiting.remove(LoopbackPagerPeer.header(text, "call-id", "i"));
                    String original = new String(request.getData(), 0, request.getLength(), StandardCharsets.UTF_8);
                    StringBuilder response = new StringBuilder("SIP/2.0 ")
                            .append(deviceAnswers.size() % 10 == 0 ? "486 Busy Here" : "200 OK").append("\r\n");
                    for (String via : LoopbackPagerPeer.headers(original, "via", "v")) {
                        response.append("Via: ").append(via).append("\r\n");
                    }
                    response.append("Call-ID: ").append(LoopbackPagerPeer.header(original, "call-id", "i")).append("\r\n")
                            .append("CSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n");
                    send(node, (InetSocketAddress) request.getSocketAddress(), response.toString());
                    continue;
                }
                assertTrue(text.startsWith("MESSAGE sip:warm-up@127.0.0.1:"), text);
                assertTrue(text.contains("\r\nX-Token: t0k3n\r\n"), text);
                assertTrue(text.contains("Content-Type: message/cpim\r\n"), text);
                assertTrue(text.contains("imdn.Message-ID: "), text);
                int leg = requests.incrementAndGet();
                waiting.put("leg-" + leg, new DatagramPacket(p.getData().clone(), p.getLength(), p.getSocketAddress()));
                send(node, new InetSocketAddress(LOOPBACK, port), "MESSAGE " + contact + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + node.getLocalPort() + ";branch=z9hG4bKleg" + leg + "\r\n"
                        + "From: <sip:node@127.0.0.1>;tag=n" + leg + "\r\n"
                        + "To: <" + contact + ">\r\n"
                        + "Call-ID: leg-" + leg + "\r\n"
                        + "CSeq: 7 MESSAGE\r\n"
                        + "Content-Length: 0\r\n\r\n");
            }
        } catch (SocketException closed) {
            // the test is over
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void send(DatagramSocket s, InetSocketAddress to, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, to));
    }
}
