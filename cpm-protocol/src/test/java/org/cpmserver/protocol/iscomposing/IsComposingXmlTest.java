package org.cpmserver.protocol.iscomposing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IsComposingXmlTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] doc(String children) {
        return bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">" + children + "</isComposing>");
    }

    @Test
    void readsAnActiveIndicationLikeRfc3994() {
        IsComposing c = IsComposingXml.parse(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"\n"
                + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                + "    xsi:schemaLocation=\"urn:ietf:params:xml:ns:im-composing iscomposing.xsd\">\n"
                + "  <state>active</state>\n"
                + "  <contenttype>text/plain</contenttype>\n"
                + "  <refresh>90</refresh>\n"
                + "</isComposing>\n"));
        assertEquals(IsComposing.State.ACTIVE, c.state());
        assertEquals(Optional.of(ContentType.TEXT_PLAIN), c.contentType());
        assertEquals(Optional.of(90), c.refresh());
        assertEquals(Optional.empty(), c.lastActive());
    }

    @Test
    void readsAnIdleIndicationWithLastActive() {
        IsComposing c = IsComposingXml.parse(doc("<lastactive>2003-01-27T10:43:00Z</lastactive>"
                + "<contenttype>audio</contenttype>".replace("audio", "audio/basic") + "<state> IDLE </state>"));
        assertEquals(IsComposing.State.IDLE, c.state());
        assertEquals(Optional.of(OffsetDateTime.of(2003, 1, 27, 10, 43, 0, 0, ZoneOffset.UTC)), c.lastActive());
        assertEquals(Optional.of(ContentType.of("audio", "basic")), c.contentType());
    }

    @Test
    void ignoresExtensionsFromOtherNamespaces() {
        IsComposing c = IsComposingXml.parse(doc("<state>active</state><x:mood xmlns:x=\"urn:example\">happy</x:mood>"));
        assertEquals(IsComposing.active(), c);
    }

    @Test
    void writesSchemaOrderWithStableLayout() {
        IsComposing c = IsComposing.active()
                .withRefresh(60)
                .withContentType(ContentType.TEXT_PLAIN_UTF8)
                .withLastActive(OffsetDateTime.of(2024, 4, 22, 10, 15, 30, 0, ZoneOffset.ofHours(2)));
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\n"
                + "  <state>active</state>\n"
                + "  <lastactive>2024-04-22T10:15:30+02:00</lastactive>\n"
                + "  <contenttype>text/plain;charset=UTF-8</contenttype>\n"
                + "  <refresh>60</refresh>\n"
                + "</isComposing>\n";
        assertEquals(expected, new String(IsComposingXml.write(c), StandardCharsets.UTF_8));
        assertEquals(c, IsComposingXml.parse(IsComposingXml.write(c)));
        assertEquals(c.hashCode(), IsComposingXml.parse(IsComposingXml.write(c)).hashCode());
    }

    @Test
    void writesTheMinimalIdleDocument() {
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\">\n"
                + "  <state>idle</state>\n"
                + "</isComposing>\n", new String(IsComposingXml.write(IsComposing.idle()), StandardCharsets.UTF_8));
        assertEquals(IsComposing.idle(), IsComposingXml.parse(IsComposingXml.write(IsComposing.idle())));
    }

    @Test
    void refreshMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> IsComposing.active().withRefresh(0));
        assertThrows(IllegalArgumentException.class, () -> IsComposing.active().withRefresh(-1));
        assertEquals(Optional.of(1), IsComposing.active().withRefresh(1).refresh());
        assertTrue(IsComposing.active().withRefresh(5).toString().contains("refresh=5"));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("no state", doc("<refresh>60</refresh>"), "missing <state>"),
                Arguments.of("unknown state", doc("<state>typing</state>"), "<state> must be active or idle, not 'typing'"),
                Arguments.of("empty state", doc("<state/>"), "<state> must be active or idle, not ''"),
                Arguments.of("two states", doc("<state>active</state><state>idle</state>"), "more than one <state>"),
                Arguments.of("two refreshes", doc("<state>active</state><refresh>1</refresh><refresh>2</refresh>"),
                        "more than one <refresh>"),
                Arguments.of("refresh zero", doc("<state>active</state><refresh>0</refresh>"),
                        "<refresh> must be 1 to 86400 seconds, not '0'"),
                Arguments.of("refresh negative", doc("<state>active</state><refresh>-5</refresh>"),
                        "<refresh> must be 1 to 86400 seconds, not '-5'"),
                Arguments.of("refresh not a number", doc("<state>active</state><refresh>soon</refresh>"),
                        "<refresh> must be 1 to 86400 seconds, not 'soon'"),
                Arguments.of("refresh too large", doc("<state>active</state><refresh>86401</refresh>"),
                        "<refresh> must be 1 to 86400 seconds, not '86401'"),
                Arguments.of("refresh overflowing", doc("<state>active</state><refresh>99999999999999</refresh>"),
                        "<refresh> must be 1 to 86400 seconds, not '99999999999999'"),
                Arguments.of("bad lastactive", doc("<state>idle</state><lastactive>2003-01-27 10:43</lastactive>"),
                        "<lastactive> is not an RFC 3339 date-time: '2003-01-27 10:43'"),
                Arguments.of("bad contenttype", doc("<state>idle</state><contenttype>text</contenttype>"),
                        "Content-Type has no subtype"),
                Arguments.of("unknown element", doc("<state>idle</state><typing/>"),
                        "unexpected element <{'urn:ietf:params:xml:ns:im-iscomposing'}typing>"),
                Arguments.of("markup in state", doc("<state><b>active</b></state>"), "<state> must contain text only"),
                Arguments.of("wrong namespace", bytes("<isComposing xmlns=\"urn:ietf:params:xml:ns:im-composing\">"
                        + "<state>idle</state></isComposing>"),
                        "expected <isComposing> in namespace urn:ietf:params:xml:ns:im-iscomposing but found "
                                + "<{'urn:ietf:params:xml:ns:im-composing'}isComposing>"),
                Arguments.of("wrong root", bytes("<iscomposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"/>"),
                        "expected <isComposing> in namespace urn:ietf:params:xml:ns:im-iscomposing but found "
                                + "<{'urn:ietf:params:xml:ns:im-iscomposing'}iscomposing>"),
                Arguments.of("DOCTYPE", bytes("<!DOCTYPE isComposing [<!ENTITY s \"active\">]>"
                        + "<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"><state>&s;</state></isComposing>"),
                        "DOCTYPE is not allowed"),
                Arguments.of("broken XML", bytes("<isComposing xmlns=\"urn:ietf:params:xml:ns:im-iscomposing\"><state>"),
                        "not well-formed XML at line 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDocuments(String what, byte[] body, String detail) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> IsComposingXml.parse(body));
        assertEquals("Bad isComposing: " + detail, e.reason());
    }
}
