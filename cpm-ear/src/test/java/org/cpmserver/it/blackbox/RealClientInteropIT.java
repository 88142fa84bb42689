package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What real clients send that the RFCs do not quite ask for, reproduced byte for byte on loopback:
 * liblinphone's delivery reports (a bare {@code message/imdn+xml} body, deflated, without the
 * CPIM wrapper of RFC 5438 §7.1.1), gzip-compressed bodies, and capability queries (OPTIONS) to a
 * user, which RCS clients expect the user's own devices to answer.
 */
@ExtendWith(StandaloneServer.class)
class RealClientInteropIT {

    private static final AdminClient ADMIN = new AdminClient();

    @BeforeAll
    static void users() throws Exception {
        for (String user : new String[] {"lin", "ben", "opal", "otto", "nobody-online"}) {
            ADMIN.provision(user, user + "-password");
        }
    }

    private static String imdn(String messageId, String disposition) {
        String status = disposition.equals("display") ? "<displayed/>" : "<delivered/>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">"
                + "<message-id>" + messageId + "</message-id><datetime>2026-12-04T10:00:00Z</datetime>"
                + "<" + disposition + "-notification><status>" + status + "</status></" + disposition + "-notification></imdn>";
    }

    private static byte[] deflate(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void aBareDeflatedDeliveryReportReachesTheSenderOncePerRecipient() throws Exception {
        DigestClient lin = new DigestClient("lin", "lin-password");
        DigestClient ben = new DigestClient("ben", "ben-password");
        try (UdpDevice linPhone = new UdpDevice(0); UdpDevice benPhone = new UdpDevice(0); UdpDevice benPad = new UdpDevice(0)) {
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(lin.register(linPhone.port(), 300)));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(ben.register(benPhone.port(), 300)));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(ben.register(benPad.port(), 300)));
            String messageId = "lin-" + UUID.randomUUID();
            String sent = lin.message("ben", "", "message/cpim",
                    DigestClient.cpim("lin", "ben", messageId, "text/plain", "hello").replace("DateTime:",
                            "imdn.Disposition-Notification: positive-delivery, display\nDateTime:"));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(sent), sent);
            benPhone.take(1, Duration.ofSeconds(10));
            benPad.take(1, Duration.ofSeconds(10));

            // both of ben's devices report, as liblinphone does: bare IMDN, deflated
            String first = ben.message("lin", "Content-Encoding: deflate\n", "message/imdn+xml",
                    deflate(imdn(messageId, "delivery")));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(first), first);
            String second = ben.message("lin", "Content-Encoding: deflate\n", "message/imdn+xml",
                    deflate(imdn(messageId, "delivery")));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(second), second);
            String report = linPhone.next(Duration.ofSeconds(10));
            assertNotNull(report, "the delivery report reaches the sender");
            assertTrue(report.contains("Content-Type: message/imdn+xml"), report);
            assertTrue(UdpDevice.body(report).contains("<message-id>" + messageId + "</message-id>"), report);
            assertTrue(UdpDevice.body(report).contains("<delivered/>"), "forwarded decoded: " + report);
            assertNull(linPhone.next(Duration.ofSeconds(2)), "one delivery report per recipient across devices");

            // a gzip display report is read the same way
            String displayed = ben.message("lin", "Content-Encoding: gzip\n", "message/imdn+xml",
                    gzip(imdn(messageId, "display")));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(displayed), displayed);
            String display = linPhone.next(Duration.ofSeconds(10));
            assertNotNull(display);
            assertTrue(UdpDevice.body(display).contains("<displayed/>"), display);
        }
    }

    @Test
    void an415NamesWhatIsAcceptedAndHowItMayBeEncoded() throws Exception {
        DigestClient lin = new DigestClient("lin", "lin-password");
        String brotli = lin.message("ben", "Content-Encoding: br\n", "text/plain", new byte[] {1, 2, 3});
        assertTrue(RawSip.statusLine(brotli).startsWith("SIP/2.0 415"), brotli);
        assertTrue(RawSip.header(brotli, "Accept-Encoding").contains("deflate"), brotli);
        assertNotNull(RawSip.header(brotli, "Accept"), brotli);
        String html = lin.message("ben", "", "text/html", "<p>hi</p>");
        assertTrue(RawSip.statusLine(html).startsWith("SIP/2.0 415"), html);
        assertTrue(RawSip.header(html, "Accept").contains("message/imdn+xml"), html);
        String bomb = lin.message("ben", "Content-Encoding: gzip\n", "text/plain", gzip("x".repeat(100_000)));
        assertTrue(RawSip.statusLine(bomb).startsWith("SIP/2.0 413"), "a small body that inflates past the limit: " + bomb);
    }

    @Test
    void optionsToAUserIsAnsweredByTheUsersDevice() throws Exception {
        DigestClient opal = new DigestClient("opal", "opal-password");
        DigestClient otto = new DigestClient("otto", "otto-password");
        String tags = ";+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.filetransfer\"";
        int port = Sipp.freePort();
        try (UdpDevice ottoPhone = new UdpDevice(port, "Contact: <sip:otto@127.0.0.1:" + port + ">" + tags + "\r\n")) {
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(otto.register(port, 300, tags)));
            String answer = opal.options("otto");
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(answer), answer);
            String contact = RawSip.header(answer, "Contact");
            assertNotNull(contact, answer);
            assertTrue(contact.contains("127.0.0.1:" + port), "the device's own Contact: " + answer);
            assertTrue(contact.contains("filetransfer"), "the device's own feature tags: " + answer);
            String query = ottoPhone.next(Duration.ofSeconds(5));
            assertNotNull(query);
            assertTrue(query.startsWith("OPTIONS sip:otto@127.0.0.1:" + port), query);
            assertTrue(!query.contains("Proxy-Authorization"), "credentials for the server stay at the server: " + query);
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(otto.register(port, 0)));
        }
        String offline = opal.options("nobody-online");
        assertTrue(RawSip.statusLine(offline).startsWith("SIP/2.0 480"), offline);
        String unknown = opal.options("no-such-user-" + UUID.randomUUID().toString().substring(0, 8));
        assertTrue(RawSip.statusLine(unknown).startsWith("SIP/2.0 404"), unknown);
        String server = RawSip.udp(StandaloneServer.SIP_PORT, RawSip.request("OPTIONS", null, StandaloneServer.DOMAIN));
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(server), "the server's own URI is answered by the server: " + server);
    }
}
