package org.cpmserver.protocol.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Test;

class DeferredXmlTest {

    private static final OffsetDateTime T = OffsetDateTime.parse("2026-11-24T10:00:00.123Z");

    private static DeferredList sample() {
        return new DeferredList("sip:bob@example.com", 3, List.of(
                new DeferredList.Entry("5b0c7a1e-0000-4000-8000-000000000001", ImdnMessageId.parse("Xs7Ap2n0"),
                        "sip:alice@example.com", T, 312, ContentType.MESSAGE_CPIM),
                new DeferredList.Entry("id-2", null, "sip:carol@example.com", T.plusSeconds(5), 12, ContentType.TEXT_PLAIN)));
    }

    @Test
    void writesTheDocumentedLayout() {
        String xml = new String(DeferredXml.writeList(sample()), StandardCharsets.UTF_8);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<deferred-list xmlns=\"urn:cpmserver:params:xml:ns:deferred\" user=\"sip:bob@example.com\" total=\"3\">\n"
                + "  <message id=\"5b0c7a1e-0000-4000-8000-000000000001\">\n"
                + "    <message-id>Xs7Ap2n0</message-id>\n"
                + "    <sender>sip:alice@example.com</sender>\n"
                + "    <stored>2026-11-24T10:00:00.123Z</stored>\n"
                + "    <size>312</size>\n"
                + "    <content-type>message/cpim</content-type>\n"
                + "  </message>\n"
                + "  <message id=\"id-2\">\n"
                + "    <sender>sip:carol@example.com</sender>\n"
                + "    <stored>2026-11-24T10:00:05.123Z</stored>\n"
                + "    <size>12</size>\n"
                + "    <content-type>text/plain</content-type>\n"
                + "  </message>\n"
                + "</deferred-list>\n", xml);
    }

    @Test
    void listRoundTrips() {
        DeferredList list = sample();
        assertEquals(list, DeferredXml.parseList(DeferredXml.writeList(list)));
        DeferredList empty = new DeferredList("sip:bob@example.com", 0, List.of());
        assertEquals(empty, DeferredXml.parseList(DeferredXml.writeList(empty)));
    }

    @Test
    void readingIgnoresOtherNamespacesAndOrder() {
        String xml = "<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' xmlns:x='urn:x' user='sip:b@h' total='1'>"
                + "<x:extra><x:deep/></x:extra><message id='a'><size>1</size><content-type>text/plain</content-type>"
                + "<x:more/><stored>2026-11-24T10:00:00Z</stored><sender>sip:a@h</sender></message></deferred-list>";
        DeferredList list = DeferredXml.parseList(xml.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, list.entries().size());
        assertEquals("sip:a@h", list.entries().get(0).sender());
        assertTrue(list.entries().get(0).messageId().isEmpty());
    }

    @Test
    void refusesBadListsNamingTheFault() {
        assertBadList("<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' total='0'/>", "user");
        assertBadList("<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' user='sip:b@h'/>", "missing total");
        assertBadList("<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' user='sip:b@h' total='-1'/>", "total");
        assertBadList("<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' user='sip:b@h' total='0'>"
                + "<message id='a'><sender>sip:a@h</sender></message></deferred-list>", "needs <sender>, <stored>");
        assertBadList("<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' user='sip:b@h' total='1'>"
                + "<message id='a'><sender>sip:a@h</sender><sender>sip:a@h</sender></message></deferred-list>", "more than one <sender>");
        assertBadList("<deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred' user='sip:b@h' total='0'>"
                + "<message id='a'><size>1</size><content-type>text/plain</content-type><stored>2026-11-24T10:00:00Z</stored>"
                + "<sender>sip:a@h</sender></message></deferred-list>", "less than");
        assertBadList("<deferred-list xmlns='urn:other' user='sip:b@h' total='0'/>", "expected <deferred-list>");
        assertBadList("<!DOCTYPE x [<!ENTITY e 'x'>]><deferred-list xmlns='urn:cpmserver:params:xml:ns:deferred'"
                + " user='sip:b@h' total='0'/>", "DOCTYPE");
    }

    @Test
    void retrievalRoundTripsAndKeepsOrder() {
        RetrievalRequest request = new RetrievalRequest(List.of("b", "a", "c-3"));
        byte[] xml = DeferredXml.writeRetrieval(request);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<retrieve xmlns=\"urn:cpmserver:params:xml:ns:deferred\">\n"
                + "  <message id=\"b\"/>\n  <message id=\"a\"/>\n  <message id=\"c-3\"/>\n</retrieve>\n",
                new String(xml, StandardCharsets.UTF_8));
        assertEquals(request, DeferredXml.parseRetrieval(xml));
    }

    @Test
    void refusesBadRetrievalsNamingTheFault() {
        assertBadRetrieval("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'/>", "no message named");
        assertBadRetrieval("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'><message/></retrieve>", "needs an id");
        assertBadRetrieval("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'><message id='a b'/></retrieve>", "needs an id");
        assertBadRetrieval("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'><message id='a'/><message id='a'/></retrieve>",
                "named twice");
        assertBadRetrieval("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'><other/></retrieve>", "unexpected element");
        assertBadRetrieval("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'><message id='a'>", "not well-formed");
        StringBuilder many = new StringBuilder("<retrieve xmlns='urn:cpmserver:params:xml:ns:deferred'>");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= RetrievalRequest.MAX_IDS; i++) {
            many.append("<message id='m").append(i).append("'/>");
            ids.add("m" + i);
        }
        assertBadRetrieval(many.append("</retrieve>").toString(), "more than " + RetrievalRequest.MAX_IDS);
        assertThrows(IllegalArgumentException.class, () -> new RetrievalRequest(ids));
    }

    private static void assertBadList(String xml, String expected) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> DeferredXml.parseList(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.reason().startsWith("Bad deferred list"), e.reason());
        assertTrue(e.reason().contains(expected), e.reason());
    }

    private static void assertBadRetrieval(String xml, String expected) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> DeferredXml.parseRetrieval(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.reason().startsWith("Bad retrieval request"), e.reason());
        assertTrue(e.reason().contains(expected), e.reason());
    }
}
