package org.cpmserver.protocol.resourcelists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.BodyPart;
import org.cpmserver.protocol.mime.ContentDisposition;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.Multipart;
import org.junit.jupiter.api.Test;

class RecipientListBodyTest {

    private static final ContentType MIXED = ContentType.parse("multipart/mixed;boundary=\"boundary1\"");
    private static final String LIST = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\r\n"
            + "  <list>\r\n"
            + "    <entry uri=\"sip:bill@example.com\" cp:copyControl=\"to\"/>\r\n"
            + "    <entry uri=\"sip:joe@example.org\" cp:copyControl=\"cc\"/>\r\n"
            + "    <entry uri=\"sip:ted@example.net\" cp:copyControl=\"bcc\"/>\r\n"
            + "  </list>\r\n"
            + "</resource-lists>";
    private static final String CPIM = "From: <sip:anonymous@anonymous.invalid>\r\nTo: <sip:anonymous@anonymous.invalid>\r\n"
            + "\r\nContent-Type: text/plain\r\n\r\nHi all";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String body(String first, String second) {
        return "--boundary1\r\n" + first + "\r\n--boundary1\r\n" + second + "\r\n--boundary1--\r\n";
    }

    private static final String LIST_PART = "Content-Type: application/resource-lists+xml\r\n"
            + "Content-Disposition: recipient-list\r\n\r\n" + LIST;
    private static final String MESSAGE_PART = "Content-Type: message/cpim\r\n\r\n" + CPIM;

    @Test
    void splitsTheListFromTheMessage() {
        RecipientListBody b = RecipientListBody.parse(MIXED, bytes(body(LIST_PART, MESSAGE_PART)), 10);
        assertEquals(3, b.recipients().recipients().size());
        assertEquals(CopyControl.BCC, b.recipients().recipients().get(2).copyControl());
        assertEquals(Optional.of(ContentType.MESSAGE_CPIM), b.message().contentType());
        assertEquals(CPIM, b.message().bodyText());
    }

    @Test
    void theListIsFoundByItsDispositionNotItsPosition() {
        RecipientListBody b = RecipientListBody.parse(MIXED, bytes(body(MESSAGE_PART, LIST_PART)), 10);
        assertEquals(3, b.recipients().entries().size());
        assertEquals(CPIM, b.message().bodyText());
    }

    @Test
    void writesTheListFirstAndReadsBack() {
        RecipientListBody b = RecipientListBody.parse(MIXED, bytes(body(MESSAGE_PART, LIST_PART)), 10);
        Multipart m = b.toMultipart("b1");
        String wire = new String(m.toBytes(), StandardCharsets.UTF_8);
        assertTrue(wire.startsWith("--b1\r\nContent-Type: application/resource-lists+xml\r\n"
                + "Content-Disposition: recipient-list\r\n\r\n<?xml"), wire);
        assertEquals(b, RecipientListBody.parse(m.contentType(), m.toBytes(), 10));
        Multipart random = b.toMultipart();
        assertEquals(b, RecipientListBody.parse(random.contentType(), random.toBytes(), 10));
    }

    @Test
    void buildsTheBodyForEachRecipientFromTheDisclosedView() {
        RecipientListBody incoming = RecipientListBody.parse(MIXED, bytes(body(LIST_PART, MESSAGE_PART)), 10);
        RecipientListBody outgoing = RecipientListBody.of(incoming.recipients().disclosedView(), incoming.message());
        Multipart m = outgoing.toMultipart("b2");
        RecipientListBody reread = RecipientListBody.parse(m.contentType(), m.toBytes(), 10);
        assertEquals(List.of(Entry.of("sip:bill@example.com"), Entry.of("sip:joe@example.org", null, CopyControl.CC, false)),
                reread.recipients().recipients());
    }

    private static void refused(String expectedReason, ContentType type, String body) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> RecipientListBody.parse(type, bytes(body), 10));
        assertEquals(expectedReason, e.reason());
    }

    @Test
    void refusesOtherShapes() {
        refused("Bad resource-lists: a URI-list MESSAGE body must be multipart/mixed, not text/plain",
                ContentType.TEXT_PLAIN, body(LIST_PART, MESSAGE_PART));
        refused("Bad resource-lists: a URI-list MESSAGE body must be multipart/mixed, not multipart/related",
                ContentType.parse("multipart/related;boundary=boundary1"), body(LIST_PART, MESSAGE_PART));
        refused("Bad resource-lists: a URI-list MESSAGE body needs exactly two parts, found 1",
                MIXED, "--boundary1\r\n" + LIST_PART + "\r\n--boundary1--");
        refused("Bad resource-lists: a URI-list MESSAGE body needs exactly two parts, found 3",
                MIXED, body(LIST_PART, MESSAGE_PART).replace("--boundary1--", "--boundary1\r\n" + MESSAGE_PART
                        + "\r\n--boundary1--"));
        refused("Bad resource-lists: no part with Content-Disposition: recipient-list",
                MIXED, body(MESSAGE_PART, MESSAGE_PART));
        refused("Bad resource-lists: two parts with Content-Disposition: recipient-list",
                MIXED, body(LIST_PART, LIST_PART));
        refused("Bad resource-lists: the recipient-list part is application/xml, not application/resource-lists+xml",
                MIXED, body(LIST_PART.replace("resource-lists+xml", "xml"), MESSAGE_PART));
        refused("Bad resource-lists: the recipient-list part has no Content-Type",
                MIXED, body(LIST_PART.replace("Content-Type: application/resource-lists+xml\r\n", ""), MESSAGE_PART));
        refused("Bad resource-lists: the message part has no Content-Type",
                MIXED, body(LIST_PART, "\r\n" + CPIM));
        refused("Bad resource-lists: <entry> without a uri",
                MIXED, body(LIST_PART.replace("uri=\"sip:joe@example.org\"", ""), MESSAGE_PART));
        refused("Bad multipart: missing close delimiter --boundary1--",
                MIXED, body(LIST_PART, MESSAGE_PART).replace("--boundary1--", ""));
        refused("Bad multipart: Content-Type has no subtype",
                MIXED, body(LIST_PART.replace("application/resource-lists+xml", "application"), MESSAGE_PART));
    }

    @Test
    void tooManyRecipientsIsAForbiddenRequest() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> RecipientListBody.parse(MIXED, bytes(body(LIST_PART, MESSAGE_PART)), 2));
        assertEquals(403, e.statusCode());
        assertEquals("Too many recipients: the list has more than 2 entries", e.reason());
    }

    @Test
    void messagePartIsKeptWithItsHeaders() {
        BodyPart message = BodyPart.of(ContentType.MESSAGE_CPIM, ContentDisposition.of("render", java.util.Map.of()),
                bytes(CPIM));
        RecipientListBody b = RecipientListBody.of(ResourceLists.ofEntries(List.of(Entry.of("sip:a@b"))), message);
        Multipart m = b.toMultipart("x");
        assertEquals(message, RecipientListBody.parse(m.contentType(), m.toBytes(), 1).message());
    }
}
