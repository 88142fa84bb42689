package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartTest {

    private static final ContentType MIXED = ContentType.parse("multipart/mixed;boundary=boundary1");

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Shaped like the one-to-many MESSAGE body of RFC 5365 (list part, then the message). */
    private static final String URI_LIST_BODY = ""
            + "this preamble is ignored\r\n"
            + "--boundary1\r\n"
            + "Content-Type: application/resource-lists+xml\r\n"
            + "Content-Disposition: recipient-list\r\n"
            + "\r\n"
            + "<?xml version=\"1.0\"?>\r\n<resource-lists/>\r\n"
            + "--boundary1\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "Hi all\r\n"
            + "--boundary1--\r\n"
            + "and an epilogue\r\n";

    @Test
    void readsTheTwoPartsOfAUriListMessage() {
        Multipart m = Multipart.parse(MIXED, bytes(URI_LIST_BODY));
        assertEquals("boundary1", m.boundary());
        assertEquals("mixed", m.subtype());
        assertEquals(2, m.parts().size());
        BodyPart list = m.parts().get(0);
        assertEquals(Optional.of(ContentType.RESOURCE_LISTS_XML), list.contentType());
        assertEquals(Optional.of(ContentDisposition.RECIPIENT_LIST), list.contentDisposition());
        assertEquals("<?xml version=\"1.0\"?>\r\n<resource-lists/>", list.bodyText());
        BodyPart text = m.parts().get(1);
        assertEquals(Optional.of(ContentType.TEXT_PLAIN), text.contentType());
        assertEquals(Optional.empty(), text.contentDisposition());
        assertEquals("Hi all", text.bodyText());
        assertEquals(6, text.bodyLength());
    }

    @Test
    void acceptsBareLineFeedsAndTransportPadding() {
        String body = "--boundary1 \t\nContent-Type: text/plain\n\nline1\nline2\n--boundary1--  \n";
        Multipart m = Multipart.parse(MIXED, bytes(body));
        assertEquals(1, m.parts().size());
        assertEquals("line1\nline2", m.parts().get(0).bodyText());
    }

    @Test
    void closeDelimiterMayEndTheBodyWithoutLineBreak() {
        Multipart m = Multipart.parse(MIXED, bytes("--boundary1\r\nA: b\r\n\r\nx\r\n--boundary1--"));
        assertEquals("x", m.parts().get(0).bodyText());
    }

    @Test
    void ignoresLinesThatOnlyStartWithTheBoundary() {
        String body = "--boundary1\r\nContent-Type: text/plain\r\n\r\n"
                + "--boundary10 is not a delimiter\r\n--boundary1x neither\r\nx--boundary1 nor this\r\n"
                + "--boundary1--\r\n";
        Multipart m = Multipart.parse(MIXED, bytes(body));
        assertEquals("--boundary10 is not a delimiter\r\n--boundary1x neither\r\nx--boundary1 nor this",
                m.parts().get(0).bodyText());
    }

    @Test
    void keepsBinaryContentExactly() {
        byte[] payload = new byte[256];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        Multipart m = Multipart.of("b-1", List.of(BodyPart.of(ContentType.of("application", "octet-stream"), payload)));
        Multipart back = Multipart.parse(m.contentType(), m.toBytes());
        assertArrayEquals(payload, back.parts().get(0).body());
        assertEquals(m, back);
    }

    @Test
    void aPartMayHaveNoHeadersOrNoContent() {
        String body = "--boundary1\r\n\r\nno headers\r\n--boundary1\r\nContent-Type: text/plain\r\n\r\n\r\n"
                + "--boundary1\r\nContent-Type: text/plain\r\n--boundary1--\r\n";
        Multipart m = Multipart.parse(MIXED, bytes(body));
        assertEquals(3, m.parts().size());
        assertTrue(m.parts().get(0).headers().isEmpty());
        assertEquals("no headers", m.parts().get(0).bodyText());
        assertEquals(0, m.parts().get(1).bodyLength());
        assertEquals(0, m.parts().get(2).bodyLength());
        assertEquals(Optional.of(ContentType.TEXT_PLAIN), m.parts().get(2).contentType());
    }

    @Test
    void anEmptyPartIsAllowedByTheGrammar() {
        Multipart m = Multipart.parse(MIXED, bytes("--boundary1\r\n\r\n--boundary1--"));
        assertEquals(1, m.parts().size());
        assertTrue(m.parts().get(0).headers().isEmpty());
        assertEquals(0, m.parts().get(0).bodyLength());
    }

    @Test
    void writesCanonicalCrlfLayout() {
        Multipart m = Multipart.of("b1", List.of(
                BodyPart.of(ContentType.RESOURCE_LISTS_XML, ContentDisposition.RECIPIENT_LIST, bytes("<x/>")),
                BodyPart.of(ContentType.TEXT_PLAIN, bytes("hi"))));
        String expected = "--b1\r\n"
                + "Content-Type: application/resource-lists+xml\r\n"
                + "Content-Disposition: recipient-list\r\n"
                + "\r\n"
                + "<x/>\r\n"
                + "--b1\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "hi\r\n"
                + "--b1--\r\n";
        assertEquals(expected, new String(m.toBytes(), StandardCharsets.UTF_8));
        assertEquals("multipart/mixed;boundary=b1", m.contentType().toString());
        assertEquals(m, Multipart.parse(m.contentType(), m.toBytes()));
    }

    @Test
    void quotesABoundaryThatIsNotAToken() {
        Multipart m = Multipart.of("a b=c", List.of(BodyPart.of(ContentType.TEXT_PLAIN, bytes("x"))));
        assertEquals("multipart/mixed;boundary=\"a b=c\"", m.contentType().toString());
        ContentType reread = ContentType.parse(m.contentType().toString());
        assertEquals(m, Multipart.parse(reread, m.toBytes()));
    }

    @Test
    void generatedBoundariesAreValidAndDiffer() {
        List<BodyPart> parts = List.of(BodyPart.of(ContentType.TEXT_PLAIN, bytes("--cpm-")));
        Multipart a = Multipart.withGeneratedBoundary(parts);
        Multipart b = Multipart.withGeneratedBoundary(parts);
        assertTrue(Multipart.isValidBoundary(a.boundary()));
        assertTrue(a.boundary().startsWith("cpm-"));
        assertNotEquals(a.boundary(), b.boundary());
        assertEquals(a, Multipart.parse(a.contentType(), a.toBytes()));
        assertThrows(IllegalArgumentException.class, () -> Multipart.withGeneratedBoundary(List.of()));
    }

    @Test
    void readsOtherMultipartSubtypes() {
        Multipart m = Multipart.parse(ContentType.parse("multipart/related;boundary=boundary1"),
                bytes("--boundary1\r\n\r\nx\r\n--boundary1--"));
        assertEquals("related", m.subtype());
        assertEquals("multipart/related;boundary=boundary1", m.contentType().toString());
    }

    @Test
    void boundaryRules() {
        assertTrue(Multipart.isValidBoundary("a"));
        assertTrue(Multipart.isValidBoundary("x".repeat(70)));
        assertTrue(Multipart.isValidBoundary("simple boundary'()+_,-./:=?"));
        assertFalse(Multipart.isValidBoundary(""));
        assertFalse(Multipart.isValidBoundary(null));
        assertFalse(Multipart.isValidBoundary("x".repeat(71)));
        assertFalse(Multipart.isValidBoundary("ends with space "));
        assertFalse(Multipart.isValidBoundary("semi;colon"));
        assertFalse(Multipart.isValidBoundary("quote\""));
    }

    @Test
    void refusesToBuildWhatCouldNotBeReadBack() {
        BodyPart clash = BodyPart.of(ContentType.TEXT_PLAIN, bytes("a\r\n--b1\r\nb"));
        assertThrows(IllegalArgumentException.class, () -> Multipart.of("b1", List.of(clash)));
        BodyPart clashAtStart = BodyPart.of(ContentType.TEXT_PLAIN, bytes("--b1--"));
        assertThrows(IllegalArgumentException.class, () -> Multipart.of("b1", List.of(clashAtStart)));
        assertThrows(IllegalArgumentException.class, () -> Multipart.of("b1", List.of()));
        assertThrows(IllegalArgumentException.class, () -> Multipart.of("bad;boundary", List.of(clash)));
        // a boundary that merely occurs mid-line is harmless
        Multipart.of("b1", List.of(BodyPart.of(ContentType.TEXT_PLAIN, bytes("x--b1"))));
    }

    @Test
    void bodyPartIsACopy() {
        byte[] content = bytes("abc");
        BodyPart p = BodyPart.of(ContentType.TEXT_PLAIN, content);
        content[0] = 'z';
        p.body()[1] = 'z';
        assertEquals("abc", p.bodyText());
        assertEquals(p, BodyPart.of(ContentType.TEXT_PLAIN, bytes("abc")));
        assertFalse(p.equals(BodyPart.of(ContentType.TEXT_PLAIN, bytes("abd"))));
    }

    @Test
    void malformedPartHeadersAreReportedAsMultipartFaults() {
        BodyPart p = BodyPart.of(MimeHeaders.empty().with("Content-Type", "text"), new byte[0]);
        assertEquals("Bad multipart: Content-Type has no subtype",
                assertThrows(ProtocolException.class, p::contentType).reason());
        BodyPart twice = BodyPart.of(MimeHeaders.empty().with("Content-Disposition", "a").with("Content-Disposition", "b"),
                new byte[0]);
        assertThrows(ProtocolException.class, twice::contentDisposition);
        BodyPart badDisposition = BodyPart.of(MimeHeaders.empty().with("Content-Disposition", "a b"), new byte[0]);
        assertThrows(ProtocolException.class, badDisposition::contentDisposition);
    }

    @Test
    void refusesNonMultipartContentTypes() {
        assertEquals("Bad multipart: Content-Type text/plain is not multipart",
                assertThrows(ProtocolException.class,
                        () -> Multipart.parse(ContentType.TEXT_PLAIN, bytes(URI_LIST_BODY))).reason());
        assertEquals("Bad multipart: Content-Type has no boundary parameter",
                assertThrows(ProtocolException.class,
                        () -> Multipart.parse(ContentType.parse("multipart/mixed"), bytes(URI_LIST_BODY))).reason());
        assertThrows(ProtocolException.class,
                () -> Multipart.parse(ContentType.parse("multipart/mixed;boundary=\"ends \""), bytes(URI_LIST_BODY)));
        assertThrows(ProtocolException.class,
                () -> Multipart.parse(ContentType.parse("multipart/mixed;boundary=\"" + "x".repeat(71) + "\""),
                        bytes(URI_LIST_BODY)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // no delimiter at all
        "just text",
        // delimiter not at a line start
        "x--boundary1\r\nA: b\r\n\r\nx\r\n--boundary1--",
        // an opening delimiter at the very end
        "--boundary1",
        // close delimiter with no part
        "--boundary1--\r\n",
        // no close delimiter (truncated body)
        "--boundary1\r\nA: b\r\n\r\nx\r\n",
        "--boundary1\r\nA: b\r\n\r\nx\r\n--boundary1\r\nA: b\r\n\r\ny",
        // part headers without a colon
        "--boundary1\r\nnot a header\r\n\r\nx\r\n--boundary1--",
        // a delimiter glued to the previous delimiter line (its CRLF is missing)
        "--boundary1\r\n\r\n--boundary1\r\n--boundary1--",
        // bare CR in part headers
        "--boundary1\r\nA: b\rC: d\r\n\r\nx\r\n--boundary1--",
    })
    void refusesMalformedBodies(String body) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Multipart.parse(MIXED, bytes(body)));
        assertTrue(e.reason().startsWith("Bad multipart: "), e.reason());
    }

    @Test
    void rejectionReasonsAreSpecific() {
        assertEquals("Bad multipart: missing close delimiter --boundary1--", assertThrows(ProtocolException.class,
                () -> Multipart.parse(MIXED, bytes("--boundary1\r\nA: b\r\n\r\nx\r\n"))).reason());
        assertEquals("Bad multipart: no boundary delimiter line", assertThrows(ProtocolException.class,
                () -> Multipart.parse(MIXED, bytes("nothing"))).reason());
        assertEquals("Bad multipart: no body part before the close delimiter", assertThrows(ProtocolException.class,
                () -> Multipart.parse(MIXED, bytes("--boundary1--"))).reason());
    }

    @Test
    void limitsTheNumberOfParts() {
        StringBuilder ok = new StringBuilder();
        for (int i = 0; i < Multipart.MAX_PARTS; i++) {
            ok.append("--boundary1\r\n\r\n").append(i).append("\r\n");
        }
        assertEquals(Multipart.MAX_PARTS, Multipart.parse(MIXED, bytes(ok + "--boundary1--")).parts().size());
        String tooMany = ok + "--boundary1\r\n\r\nx\r\n--boundary1--";
        assertEquals("Bad multipart: more than 64 body parts",
                assertThrows(ProtocolException.class, () -> Multipart.parse(MIXED, bytes(tooMany))).reason());
    }

    @Test
    void partsListIsImmutable() {
        List<BodyPart> parts = new ArrayList<>(List.of(BodyPart.of(ContentType.TEXT_PLAIN, bytes("a"))));
        Multipart m = Multipart.of("b", parts);
        parts.clear();
        assertEquals(1, m.parts().size());
        assertThrows(UnsupportedOperationException.class, () -> m.parts().clear());
    }
}
