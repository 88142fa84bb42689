package org.cpmserver.protocol.resourcelists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceListsXmlTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Wraps {@code lists} in the root element with the copy-control namespace bound to "cp". */
    static byte[] doc(String lists) {
        return bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" "
                + "xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">" + lists + "</resource-lists>");
    }

    /** Seven recipients in the three roles, some anonymized: the shape of RFC 5365's example. */
    static final byte[] RFC5365_STYLE = doc("\n  <list>\n"
            + "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\n"
            + "    <entry uri=\"sip:randy@example.net\" cp:copyControl=\"to\" cp:anonymize=\"true\"/>\n"
            + "    <entry uri=\"sip:eddy@example.com\" cp:copyControl=\"to\" cp:anonymize=\"true\"/>\n"
            + "    <entry uri=\"sip:joe@example.org\" cp:copyControl=\"cc\"/>\n"
            + "    <entry uri=\"sip:carol@example.net\" cp:copyControl=\"cc\" cp:anonymize=\"true\"/>\n"
            + "    <entry uri=\"sip:ted@example.net\" cp:copyControl=\"bcc\"/>\n"
            + "    <entry uri=\"sip:andy@example.com\" cp:copyControl=\"bcc\"/>\n"
            + "  </list>\n");

    private static List<String> uris(List<Entry> entries) {
        return entries.stream().map(Entry::uri).collect(Collectors.toList());
    }

    @Test
    void readsRolesAndAnonymity() {
        ResourceLists doc = ResourceListsXml.parse(RFC5365_STYLE);
        List<Entry> r = doc.recipients();
        assertEquals(7, r.size());
        assertEquals(Entry.of("sip:bill@example.com"), r.get(0));
        assertEquals(Entry.of("sip:randy@example.net", null, CopyControl.TO, true), r.get(1));
        assertEquals(CopyControl.CC, r.get(3).copyControl());
        assertFalse(r.get(3).anonymize());
        assertTrue(r.get(4).anonymize());
        assertEquals(CopyControl.BCC, r.get(6).copyControl());
    }

    @Test
    void theDisclosedViewHidesBccAndAnonymizedRecipients() {
        ResourceLists view = ResourceListsXml.parse(RFC5365_STYLE).disclosedView();
        assertEquals(1, view.lists().size());
        assertEquals(List.of(
                Entry.of("sip:bill@example.com"),
                Entry.of(ResourceLists.ANONYMOUS_URI, null, CopyControl.TO, false),
                Entry.of(ResourceLists.ANONYMOUS_URI, null, CopyControl.TO, false),
                Entry.of("sip:joe@example.org", null, CopyControl.CC, false),
                Entry.of(ResourceLists.ANONYMOUS_URI, null, CopyControl.CC, false)), view.entries());
        // anonymous placeholders are not "duplicates" of one another in what recipients see
        assertEquals(5, view.entries().size());
    }

    @Test
    void defaultsAndDisplayNamesAndNestedLists() {
        ResourceLists doc = ResourceListsXml.parse(doc(
                "<list name=\"friends\"><display-name>Friends</display-name>"
                + "<entry uri=\"sip:a@example.com\"><display-name> Ann </display-name></entry>"
                + "<list name=\"inner\"><entry uri=\"tel:+1-555-0100\" cp:copyControl=\"CC\"/>"
                + "<list><entry uri=\"sip:deep@example.com\" cp:anonymize=\"1\"/></list></list>"
                + "<entry uri=\"sip:b@example.com\" cp:anonymize=\"false\"/></list>"
                + "<list><entry uri=\"sip:c@example.com\" cp:copyControl=\"bcc\" cp:anonymize=\"0\"/></list>"));
        ResourceList friends = doc.lists().get(0);
        assertEquals(Optional.of("friends"), friends.name());
        assertEquals(Optional.of("Friends"), friends.displayName());
        assertEquals(3, friends.members().size());
        assertTrue(friends.members().get(1) instanceof ResourceList);
        List<Entry> flat = doc.entries();
        assertEquals(List.of("sip:a@example.com", "tel:+1-555-0100", "sip:deep@example.com", "sip:b@example.com",
                "sip:c@example.com"), uris(flat));
        assertEquals(Optional.of("Ann"), flat.get(0).displayName());
        assertEquals(CopyControl.TO, flat.get(0).copyControl());
        assertEquals(CopyControl.CC, flat.get(1).copyControl());
        assertTrue(flat.get(2).anonymize());
        assertFalse(flat.get(3).anonymize());
        assertEquals(CopyControl.BCC, flat.get(4).copyControl());
    }

    @Test
    void duplicateRecipientsAreRemovedKeepingTheFirst() {
        ResourceLists doc = ResourceListsXml.parse(doc("<list>"
                + "<entry uri=\"sip:Bob@Example.COM\" cp:copyControl=\"cc\"/>"
                + "<entry uri=\"SIP:Bob@example.com\" cp:copyControl=\"to\"/>"
                + "<entry uri=\"sip:%42ob@example.com\"/>"
                + "<entry uri=\"sip:bob@example.com\"/>"
                + "<entry uri=\"tel:+1-555-0100\"/><entry uri=\"tel:+1(555)0100\"/><entry uri=\"tel:+15550100\"/>"
                + "<list><entry uri=\"sip:Bob@example.com\" cp:copyControl=\"bcc\"/></list>"
                + "</list>"));
        assertEquals(8, doc.entries().size());
        List<Entry> r = doc.recipients();
        assertEquals(List.of("sip:Bob@Example.COM", "sip:bob@example.com", "tel:+1-555-0100"), uris(r));
        assertEquals(CopyControl.CC, r.get(0).copyControl());
    }

    @Test
    void writesAStableDocumentThatReadsBack() {
        ResourceLists doc = ResourceLists.of(List.of(ResourceList.of("group", "Our \"group\"", List.of(
                Entry.of("sip:bill@example.com"),
                Entry.of("sip:randy@example.net", "Randy & Co", CopyControl.CC, true),
                ResourceList.of(List.of(Entry.of("tel:+15550100", null, CopyControl.BCC, false)))))));
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\n"
                + "  <list name=\"group\">\n"
                + "    <display-name>Our \"group\"</display-name>\n"
                + "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\n"
                + "    <entry uri=\"sip:randy@example.net\" cp:copyControl=\"cc\" cp:anonymize=\"true\">\n"
                + "      <display-name>Randy &amp; Co</display-name>\n"
                + "    </entry>\n"
                + "    <list>\n"
                + "      <entry uri=\"tel:+15550100\" cp:copyControl=\"bcc\"/>\n"
                + "    </list>\n"
                + "  </list>\n"
                + "</resource-lists>\n";
        assertEquals(expected, new String(ResourceListsXml.write(doc), StandardCharsets.UTF_8));
        assertEquals(doc, ResourceListsXml.parse(ResourceListsXml.write(doc)));
        assertEquals(doc.hashCode(), ResourceListsXml.parse(ResourceListsXml.write(doc)).hashCode());
    }

    @Test
    void roundTripsTheRfcStyleExample() {
        ResourceLists doc = ResourceListsXml.parse(RFC5365_STYLE);
        assertEquals(doc, ResourceListsXml.parse(ResourceListsXml.write(doc)));
    }

    @Test
    void anEmptyDocumentIsValid() {
        assertEquals(List.of(), ResourceListsXml.parse(doc("")).recipients());
        assertEquals(List.of(), ResourceListsXml.parse(doc("<list/>")).recipients());
        assertEquals(ResourceLists.of(List.of()), ResourceListsXml.parse(ResourceListsXml.write(ResourceLists.of(List.of()))));
    }

    @Test
    void ignoresExtensionsFromOtherNamespaces() {
        ResourceLists doc = ResourceListsXml.parse(doc("<x:meta xmlns:x=\"urn:example\"><entry uri=\"sip:hidden@x\"/></x:meta>"
                + "<list x:attr=\"1\" xmlns:x=\"urn:example\"><x:note>hi</x:note>"
                + "<entry uri=\"sip:a@b\" x:role=\"boss\"><x:extra/></entry></list>"));
        assertEquals(List.of("sip:a@b"), uris(doc.recipients()));
    }

    @Test
    void theEntryLimitIsAPolicyRefusal() {
        StringBuilder entries = new StringBuilder("<list>");
        for (int i = 0; i < 5; i++) {
            entries.append("<entry uri=\"sip:u").append(i).append("@example.com\"/>");
        }
        byte[] five = doc(entries.append("</list>").toString());
        assertEquals(5, ResourceListsXml.parse(five, 5).entries().size());
        ProtocolException e = assertThrows(ProtocolException.class, () -> ResourceListsXml.parse(five, 4));
        assertEquals("Too many recipients: the list has more than 4 entries", e.reason());
        assertEquals(403, e.statusCode());
        assertThrows(IllegalArgumentException.class, () -> ResourceListsXml.parse(five, 0));
    }

    @Test
    void theDefaultLimitIsAHundredEntriesIncludingDuplicates() {
        StringBuilder entries = new StringBuilder("<list>");
        for (int i = 0; i < 101; i++) {
            entries.append("<entry uri=\"sip:same@example.com\"/>");
        }
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> ResourceListsXml.parse(doc(entries.append("</list>").toString())));
        assertEquals(403, e.statusCode());
    }

    @Test
    void nestingDepthIsLimited() {
        String eight = "<list>".repeat(8) + "<entry uri=\"sip:a@b\"/>" + "</list>".repeat(8);
        assertEquals(1, ResourceListsXml.parse(doc(eight)).entries().size());
        String nine = "<list>".repeat(9) + "</list>".repeat(9);
        assertEquals("Bad resource-lists: lists nested deeper than 8",
                assertThrows(ProtocolException.class, () -> ResourceListsXml.parse(doc(nine))).reason());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("entry without uri", doc("<list><entry/></list>"), "<entry> without a uri"),
                Arguments.of("empty uri", doc("<list><entry uri=\"  \"/></list>"), "<entry> without a uri"),
                Arguments.of("uri in another namespace only", doc("<list><entry cp:uri=\"sip:a@b\"/></list>"),
                        "<entry> without a uri"),
                Arguments.of("relative uri", doc("<list><entry uri=\"bob\"/></list>"),
                        "<entry> uri is not an absolute URI: 'bob'"),
                Arguments.of("uri with spaces", doc("<list><entry uri=\"sip:bob @example.com\"/></list>"),
                        "<entry> uri is not an absolute URI: 'sip:bob @example.com'"),
                Arguments.of("unknown copyControl", doc("<list><entry uri=\"sip:a@b\" cp:copyControl=\"from\"/></list>"),
                        "unknown copyControl 'from'"),
                Arguments.of("bad anonymize", doc("<list><entry uri=\"sip:a@b\" cp:anonymize=\"yes\"/></list>"),
                        "anonymize must be true or false, not 'yes'"),
                Arguments.of("entry-ref", doc("<list><entry-ref ref=\"users/x/list/y\"/></list>"),
                        "<entry-ref> references are not supported, list the URIs as <entry>"),
                Arguments.of("external", doc("<list><external anchor=\"http://xcap.example.com/x\"/></list>"),
                        "<external> references are not supported, list the URIs as <entry>"),
                Arguments.of("unknown element in list", doc("<list><member uri=\"sip:a@b\"/></list>"),
                        "unexpected element <{'urn:ietf:params:xml:ns:resource-lists'}member> in <list>"),
                Arguments.of("entry at top level", doc("<entry uri=\"sip:a@b\"/>"),
                        "unexpected element <{'urn:ietf:params:xml:ns:resource-lists'}entry> in <resource-lists>"),
                Arguments.of("unknown element in entry", doc("<list><entry uri=\"sip:a@b\"><uri>x</uri></entry></list>"),
                        "unexpected element <{'urn:ietf:params:xml:ns:resource-lists'}uri> in <entry>"),
                Arguments.of("two display names in entry", doc("<list><entry uri=\"sip:a@b\"><display-name>a</display-name>"
                        + "<display-name>b</display-name></entry></list>"), "more than one <display-name> in an <entry>"),
                Arguments.of("two display names in list", doc("<list><display-name>a</display-name>"
                        + "<display-name>b</display-name></list>"), "more than one <display-name> in a <list>"),
                Arguments.of("markup in display name", doc("<list><display-name>a<b/></display-name></list>"),
                        "<display-name> must contain text only"),
                Arguments.of("text in list", doc("<list>sip:a@b</list>"), "unexpected text between elements"),
                Arguments.of("wrong root", bytes("<lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>"),
                        "expected <resource-lists> in namespace urn:ietf:params:xml:ns:resource-lists but found "
                                + "<{'urn:ietf:params:xml:ns:resource-lists'}lists>"),
                Arguments.of("no namespace", bytes("<resource-lists><list/></resource-lists>"),
                        "expected <resource-lists> in namespace urn:ietf:params:xml:ns:resource-lists but found <resource-lists>"),
                Arguments.of("broken XML", bytes("<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list>"),
                        "not well-formed XML at line 1"),
                Arguments.of("unescaped ampersand", doc("<list><entry uri=\"sip:a@b?x=1&y=2\"/></list>"),
                        "not well-formed XML at line 2"),
                Arguments.of("DOCTYPE", bytes("<!DOCTYPE resource-lists [<!ENTITY a \"sip:a@b\">]>"
                        + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\"><list><entry uri=\"&a;\"/></list>"
                        + "</resource-lists>"), "DOCTYPE is not allowed"),
                Arguments.of("empty body", new byte[0], "not well-formed XML at line 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesMalformedDocuments(String what, byte[] body, String detail) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ResourceListsXml.parse(body));
        assertEquals("Bad resource-lists: " + detail, e.reason());
        assertEquals(400, e.statusCode());
    }

    @Test
    void modelRefusesBadValuesFromCode() {
        assertThrows(IllegalArgumentException.class, () -> Entry.of("no-scheme"));
        assertThrows(IllegalArgumentException.class, () -> Entry.of("sip:a@b", "bell\u0007", CopyControl.TO, false));
        assertThrows(NullPointerException.class, () -> Entry.of("sip:a@b", null, null, false));
        assertThrows(IllegalArgumentException.class, () -> ResourceList.of("\u0000", null, List.of()));
        Entry e = Entry.of("sip:a@b").withCopyControl(CopyControl.BCC).withAnonymize(true);
        assertEquals(Entry.of("sip:a@b", "", CopyControl.BCC, true), e);
        assertTrue(e.toString().contains("bcc"));
        assertEquals(Optional.of(CopyControl.CC), CopyControl.fromValue(" Cc "));
        assertEquals(Optional.empty(), CopyControl.fromValue("to,cc"));
    }
}
