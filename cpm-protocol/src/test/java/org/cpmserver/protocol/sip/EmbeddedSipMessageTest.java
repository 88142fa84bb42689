package org.cpmserver.protocol.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.FeatureTags;
import org.junit.jupiter.api.Test;

class EmbeddedSipMessageTest {

    /** What Kamailio puts in a third-party REGISTER: the UE's REGISTER, as received. */
    private static final String UE_REGISTER = "REGISTER sip:localhost SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
            + "From: <sip:bob@localhost>;tag=1\r\n"
            + "To: <sip:bob@localhost>\r\n"
            + "Call-ID: reg-1\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:bob@127.0.0.1:5070;transport=UDP>;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\";expires=600\r\n"
            + "Expires: 600\r\n"
            + "Content-Length: 0\r\n\r\n";

    private static EmbeddedSipMessage parse(String text) {
        return EmbeddedSipMessage.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheUesContactAndItsFeatureTags() {
        EmbeddedSipMessage m = parse(UE_REGISTER);
        assertTrue(m.isRequest());
        assertEquals("REGISTER sip:localhost SIP/2.0", m.startLine());
        List<ContactHeader.Contact> contacts = m.contacts();
        assertEquals(1, contacts.size());
        assertEquals("sip:bob@127.0.0.1:5070;transport=UDP", contacts.get(0).uri());
        assertEquals("+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\"",
                FeatureTags.ofContactParameters(contacts.get(0).parameters()));
    }

    @Test
    void compactFormsFoldedLinesAndAResponse() {
        EmbeddedSipMessage m = parse("SIP/2.0 200 OK\nm: <sip:a@h>;+sip.instance=\"<urn:uuid:1>\";video,\n"
                + " <sip:a@h2>;audio\ni: x\n\n");
        assertFalse(m.isRequest());
        assertEquals(List.of("x"), m.values("Call-ID"));
        List<ContactHeader.Contact> contacts = m.contacts();
        assertEquals(2, contacts.size());
        assertEquals("video", FeatureTags.ofContactParameters(contacts.get(0).parameters()), "+sip.instance is no capability");
        assertEquals("audio", FeatureTags.ofContactParameters(contacts.get(1).parameters()));
    }

    @Test
    void refusesWhatIsNotASipMessage() {
        for (String bad : new String[] {"", "hello world\r\n\r\n", "REGISTER sip:x SIP/3.0\r\n\r\n",
                "REGISTER sip:x SIP/2.0\r\n no-header-before\r\n\r\n", "REGISTER sip:x SIP/2.0\r\nno colon\r\n\r\n",
                "REGISTER sip:x SIP/2.0\r\nVia: cut"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> parse(bad), bad);
            assertEquals(400, e.statusCode());
            assertTrue(e.reason().contains("message/sip"), e.reason());
        }
    }

    @Test
    void boundsItsInput() {
        StringBuilder many = new StringBuilder("OPTIONS sip:x SIP/2.0\r\n");
        for (int i = 0; i <= EmbeddedSipMessage.MAX_HEADERS; i++) {
            many.append("X-H: ").append(i).append("\r\n");
        }
        assertThrows(ProtocolException.class, () -> parse(many + "\r\n"));
        assertThrows(ProtocolException.class, () -> EmbeddedSipMessage.parse(new byte[EmbeddedSipMessage.MAX_BYTES + 1]));
    }
}
