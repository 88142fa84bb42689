package org.cpmserver.protocol.imdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImdnXmlTest {

    private static final OffsetDateTime SENT = OffsetDateTime.of(2008, 4, 4, 12, 16, 49, 0, ZoneOffset.ofHours(-5));

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Wraps children in the IMDN root element. */
    private static byte[] doc(String children) {
        return bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">"
                + children + "</imdn>");
    }

    private static final String ID_AND_TIME = "<message-id>34jk324j</message-id><datetime>2008-04-04T12:16:49-05:00</datetime>";

    @Test
    void readsADeliveryNotificationLikeRfc5438() {
        Imdn imdn = ImdnXml.parse(doc("\n  <message-id>34jk324j</message-id>\n"
                + "  <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
                + "  <recipient-uri>im:bob@example.com</recipient-uri>\n"
                + "  <original-recipient-uri>im:bob@example.com</original-recipient-uri>\n"
                + "  <delivery-notification>\n    <status>\n      <delivered/>\n    </status>\n  </delivery-notification>\n"));
        assertEquals("34jk324j", imdn.messageId().value());
        assertEquals(SENT, imdn.dateTime());
        assertEquals(Optional.of("im:bob@example.com"), imdn.recipientUri());
        assertEquals(Optional.of("im:bob@example.com"), imdn.originalRecipientUri());
        assertEquals(Optional.empty(), imdn.subject());
        assertEquals(Imdn.Type.DELIVERY, imdn.type());
        assertEquals(Imdn.Status.DELIVERED, imdn.status());
    }

    @Test
    void readsDisplayAndProcessingNotifications() {
        Imdn display = ImdnXml.parse(doc(ID_AND_TIME + "<display-notification><status><displayed/></status></display-notification>"));
        assertEquals(Imdn.Type.DISPLAY, display.type());
        assertEquals(Imdn.Status.DISPLAYED, display.status());
        Imdn stored = ImdnXml.parse(doc("<processing-notification><status><stored/></status></processing-notification>"
                + "<subject> weekend plans </subject>" + ID_AND_TIME));
        assertEquals(Imdn.Status.STORED, stored.status());
        assertEquals(Optional.of("weekend plans"), stored.subject());
    }

    @Test
    void skipsExtensionsFromOtherNamespaces() {
        Imdn imdn = ImdnXml.parse(doc(ID_AND_TIME
                + "<x:ext xmlns:x=\"urn:example:ext\"><x:deep><message-id>ignored</message-id></x:deep></x:ext>"
                + "<delivery-notification><x:note xmlns:x=\"urn:example:ext\"/>"
                + "<status><failed/><x:reason xmlns:x=\"urn:example:ext\">404</x:reason></status></delivery-notification>"
                + "<!-- comment --><?pi ok?>"));
        assertEquals(Imdn.Status.FAILED, imdn.status());
        assertEquals("34jk324j", imdn.messageId().value());
    }

    @Test
    void writesTheDocumentInSchemaOrderWithStableLayout() {
        Imdn imdn = Imdn.of(Imdn.Type.DELIVERY, Imdn.Status.DELIVERED, ImdnMessageId.parse("34jk324j"), SENT)
                .withSubject("a < b & c")
                .withOriginalRecipientUri("im:bob@example.com")
                .withRecipientUri("im:bob@example.com");
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">\n"
                + "  <message-id>34jk324j</message-id>\n"
                + "  <datetime>2008-04-04T12:16:49-05:00</datetime>\n"
                + "  <recipient-uri>im:bob@example.com</recipient-uri>\n"
                + "  <original-recipient-uri>im:bob@example.com</original-recipient-uri>\n"
                + "  <subject>a &lt; b &amp; c</subject>\n"
                + "  <delivery-notification>\n"
                + "    <status>\n"
                + "      <delivered/>\n"
                + "    </status>\n"
                + "  </delivery-notification>\n"
                + "</imdn>\n";
        assertEquals(expected, new String(ImdnXml.write(imdn), StandardCharsets.UTF_8));
        assertEquals(imdn, ImdnXml.parse(ImdnXml.write(imdn)));
    }

    static Stream<Arguments> everyValidCombination() {
        List<Arguments> all = new ArrayList<>();
        for (Imdn.Type t : Imdn.Type.values()) {
            for (Imdn.Status s : Imdn.Status.values()) {
                if (s.allowedIn(t)) {
                    all.add(Arguments.of(t, s));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyValidCombination")
    void roundTripsEveryTypeAndStatus(Imdn.Type type, Imdn.Status status) {
        Imdn imdn = Imdn.of(type, status, ImdnMessageId.random(), SENT);
        assertEquals(imdn, ImdnXml.parse(ImdnXml.write(imdn)));
        assertEquals(imdn.hashCode(), ImdnXml.parse(ImdnXml.write(imdn)).hashCode());
    }

    @Test
    void theSchemaDecidesWhichStatusGoesWithWhichType() {
        assertEquals(11, everyValidCombination().count());
        assertThrows(IllegalArgumentException.class,
                () -> Imdn.of(Imdn.Type.DELIVERY, Imdn.Status.DISPLAYED, ImdnMessageId.random(), SENT));
        assertThrows(IllegalArgumentException.class,
                () -> Imdn.of(Imdn.Type.DISPLAY, Imdn.Status.STORED, ImdnMessageId.random(), SENT));
        assertThrows(IllegalArgumentException.class,
                () -> Imdn.of(Imdn.Type.PROCESSING, Imdn.Status.FAILED, ImdnMessageId.random(), SENT));
        assertThrows(NullPointerException.class, () -> Imdn.of(Imdn.Type.DELIVERY, Imdn.Status.DELIVERED, null, SENT));
    }

    @Test
    void optionalFieldsAreCheckedWhenSet() {
        Imdn imdn = Imdn.of(Imdn.Type.DISPLAY, Imdn.Status.DISPLAYED, ImdnMessageId.random(), SENT);
        assertThrows(IllegalArgumentException.class, () -> imdn.withRecipientUri("not a uri"));
        assertThrows(IllegalArgumentException.class, () -> imdn.withOriginalRecipientUri("sip:a b"));
        assertThrows(IllegalArgumentException.class, () -> imdn.withSubject("bell\u0007"));
        assertEquals(Optional.empty(), imdn.withSubject("  ").subject());
        assertEquals(Optional.empty(), imdn.withRecipientUri(null).recipientUri());
    }

    static Stream<Arguments> malformed() {
        String delivered = "<delivery-notification><status><delivered/></status></delivery-notification>";
        return Stream.of(
                Arguments.of("wrong root", bytes("<imdnx xmlns=\"urn:ietf:params:xml:ns:imdn\"/>"),
                        "expected <imdn> in namespace urn:ietf:params:xml:ns:imdn but found <{'urn:ietf:params:xml:ns:imdn'}imdnx>"),
                Arguments.of("no namespace", bytes("<imdn>" + ID_AND_TIME + delivered + "</imdn>"),
                        "expected <imdn> in namespace urn:ietf:params:xml:ns:imdn but found <imdn>"),
                Arguments.of("missing message-id", doc("<datetime>2008-04-04T12:16:49Z</datetime>" + delivered),
                        "missing <message-id>"),
                Arguments.of("missing datetime", doc("<message-id>x</message-id>" + delivered), "missing <datetime>"),
                Arguments.of("missing notification", doc(ID_AND_TIME), "missing notification element"),
                Arguments.of("two notifications", doc(ID_AND_TIME + delivered
                        + "<display-notification><status><displayed/></status></display-notification>"),
                        "more than one notification element"),
                Arguments.of("two message-ids", doc(ID_AND_TIME + "<message-id>y</message-id>" + delivered),
                        "more than one <message-id>"),
                Arguments.of("two datetimes", doc(ID_AND_TIME + "<datetime>2008-04-04T12:16:49Z</datetime>" + delivered),
                        "more than one <datetime>"),
                Arguments.of("two subjects", doc(ID_AND_TIME + "<subject/><subject/>" + delivered), "more than one <subject>"),
                Arguments.of("two recipient-uris", doc(ID_AND_TIME + "<recipient-uri>sip:a@b</recipient-uri>"
                        + "<recipient-uri>sip:a@b</recipient-uri>" + delivered), "more than one <recipient-uri>"),
                Arguments.of("status of another type", doc(ID_AND_TIME
                        + "<delivery-notification><status><displayed/></status></delivery-notification>"),
                        "status <{'urn:ietf:params:xml:ns:imdn'}displayed> is not valid in <delivery-notification>"),
                Arguments.of("unknown status", doc(ID_AND_TIME
                        + "<display-notification><status><seen/></status></display-notification>"),
                        "status <{'urn:ietf:params:xml:ns:imdn'}seen> is not valid in <display-notification>"),
                Arguments.of("empty status", doc(ID_AND_TIME + "<display-notification><status/></display-notification>"),
                        "empty <status> in <display-notification>"),
                Arguments.of("two statuses", doc(ID_AND_TIME
                        + "<delivery-notification><status><delivered/><failed/></status></delivery-notification>"),
                        "more than one status in <delivery-notification>"),
                Arguments.of("two status elements", doc(ID_AND_TIME + "<delivery-notification><status><delivered/></status>"
                        + "<status><delivered/></status></delivery-notification>"), "more than one <status>"),
                Arguments.of("no status", doc(ID_AND_TIME + "<processing-notification/>"),
                        "missing <status> in <processing-notification>"),
                Arguments.of("status text instead of element", doc(ID_AND_TIME
                        + "<delivery-notification><status>delivered</status></delivery-notification>"),
                        "unexpected text between elements"),
                Arguments.of("unknown element in notification", doc(ID_AND_TIME
                        + "<delivery-notification><state/></delivery-notification>"),
                        "unexpected element <{'urn:ietf:params:xml:ns:imdn'}state> in <delivery-notification>"),
                Arguments.of("unknown IMDN element", doc(ID_AND_TIME + delivered + "<priority>high</priority>"),
                        "unexpected element <{'urn:ietf:params:xml:ns:imdn'}priority>"),
                Arguments.of("bad datetime", doc("<message-id>x</message-id><datetime>yesterday</datetime>" + delivered),
                        "<datetime> is not an RFC 3339 date-time: 'yesterday'"),
                Arguments.of("bad message-id", doc("<message-id>two words</message-id>" + delivered),
                        "Message-ID has a forbidden character: 'two words'"),
                Arguments.of("empty message-id", doc("<message-id> </message-id>" + delivered), "empty Message-ID"),
                Arguments.of("bad recipient-uri", doc(ID_AND_TIME + "<recipient-uri>bob</recipient-uri>" + delivered),
                        "<recipient-uri> is not an absolute URI: 'bob'"),
                Arguments.of("markup inside message-id", doc("<message-id>a<b/>c</message-id>" + delivered),
                        "<message-id> must contain text only"),
                Arguments.of("text in the root", doc("hello" + ID_AND_TIME + delivered), "unexpected text between elements"),
                Arguments.of("not XML", bytes("positive-delivery"), "not well-formed XML at line 1"),
                Arguments.of("truncated", bytes("<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>x</message-id>"),
                        "not well-formed XML at line 1"),
                Arguments.of("XXE", bytes("<?xml version=\"1.0\"?><!DOCTYPE imdn [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<imdn xmlns=\"urn:ietf:params:xml:ns:imdn\"><message-id>&x;</message-id></imdn>"),
                        "DOCTYPE is not allowed"),
                Arguments.of("content after the root", bytes(new String(doc(ID_AND_TIME + delivered), StandardCharsets.UTF_8)
                        + "<imdn/>"), "not well-formed XML at line 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDocuments(String what, byte[] body, String detail) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ImdnXml.parse(body));
        assertEquals("Bad IMDN: " + detail, e.reason());
    }

    @Test
    void readsOtherEncodingsDeclaredInTheProlog() {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">"
                + ID_AND_TIME + "<subject>caf\u00e9</subject>"
                + "<display-notification><status><error/></status></display-notification></imdn>")
                .getBytes(StandardCharsets.ISO_8859_1);
        Imdn imdn = ImdnXml.parse(latin1);
        assertEquals(Optional.of("caf\u00e9"), imdn.subject());
        assertEquals(Imdn.Status.ERROR, imdn.status());
        assertTrue(imdn.toString().contains("display-notification/error"));
    }
}
