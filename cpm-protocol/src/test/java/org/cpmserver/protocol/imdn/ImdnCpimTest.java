package org.cpmserver.protocol.imdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.CpimAddress;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.cpim.CpimWriter;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImdnCpimTest {

    private static final OffsetDateTime SENT = OffsetDateTime.of(2024, 4, 22, 10, 15, 30, 0, ZoneOffset.UTC);
    private static final OffsetDateTime NOW = SENT.plusSeconds(2);
    private static final CpimAddress ALICE = CpimAddress.of("Alice", "sip:alice@example.com");
    private static final CpimAddress BOB = CpimAddress.of("sip:bob@example.com");

    private static CpimMessage original(String dispositionNotification) {
        CpimMessage.Builder b = CpimMessage.builder().from(ALICE).to(BOB)
                .imdn("Message-ID", "Wnbpm2jCDvVYKwmbRx0v").dateTime(SENT);
        if (dispositionNotification != null) {
            b.imdn("Disposition-Notification", dispositionNotification);
        }
        return b.text("hello").build();
    }

    @Test
    void wrapsAsRfc5438Shows() {
        Imdn imdn = Imdn.of(Imdn.Type.DELIVERY, Imdn.Status.DELIVERED, ImdnMessageId.parse("Wnbpm2jCDvVYKwmbRx0v"), SENT)
                .withRecipientUri(BOB.uri());
        CpimMessage n = ImdnCpim.wrap(imdn, BOB, ALICE, ImdnMessageId.parse("d834jied93rf"), NOW);
        byte[] xml = ImdnXml.write(imdn);
        String expectedHead = "From: <sip:bob@example.com>\r\n"
                + "To: \"Alice\" <sip:alice@example.com>\r\n"
                + "NS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: d834jied93rf\r\n"
                + "DateTime: 2024-04-22T10:15:32Z\r\n"
                + "\r\n"
                + "Content-Type: message/imdn+xml\r\n"
                + "Content-Disposition: notification\r\n"
                + "Content-Length: " + xml.length + "\r\n"
                + "\r\n";
        assertEquals(expectedHead + new String(xml, StandardCharsets.UTF_8),
                new String(CpimWriter.write(n), StandardCharsets.UTF_8));
        CpimMessage back = CpimParser.parse(CpimWriter.write(n));
        assertTrue(ImdnCpim.isNotification(back));
        assertEquals(imdn, ImdnCpim.unwrap(back));
        assertEquals(Optional.empty(), back.imdnHeader("Disposition-Notification"));
    }

    @Test
    void respondsWithTheFieldsTakenFromTheOriginal() {
        CpimMessage original = original("positive-delivery, display").toBuilder()
                .imdn("Original-To", "<sip:bob@example.com>")
                .imdn("IMDN-Record-Route", "<sip:as1.example.com>")
                .imdn("IMDN-Record-Route", "<sip:as2.example.com>")
                .build();
        CpimAddress self = CpimAddress.of("sip:bob.device@example.com");
        CpimMessage n = ImdnCpim.respond(original, self, Imdn.Type.DISPLAY, Imdn.Status.DISPLAYED,
                ImdnMessageId.parse("n1"), NOW);
        assertEquals(self, n.from());
        assertEquals(List.of(ALICE), n.to());
        assertEquals(Optional.of("n1"), n.imdnMessageId());
        assertEquals(Optional.of(NOW), n.dateTime());
        assertEquals(List.of("<sip:as1.example.com>", "<sip:as2.example.com>"),
                n.headers(CpimMessage.IMDN_NAMESPACE, "IMDN-Route"));
        assertEquals(ContentType.MESSAGE_IMDN_XML, n.contentType());
        assertEquals(Optional.of("notification"), n.contentHeaders().first("Content-Disposition"));

        Imdn imdn = ImdnCpim.unwrap(n);
        assertEquals("Wnbpm2jCDvVYKwmbRx0v", imdn.messageId().value());
        assertEquals(SENT, imdn.dateTime());
        assertEquals(Imdn.Type.DISPLAY, imdn.type());
        assertEquals(Imdn.Status.DISPLAYED, imdn.status());
        assertEquals(Optional.of("sip:bob.device@example.com"), imdn.recipientUri());
        assertEquals(Optional.of("sip:bob@example.com"), imdn.originalRecipientUri());
        assertEquals(Optional.empty(), imdn.subject());
    }

    @ParameterizedTest
    @CsvSource({
        "positive-delivery, DELIVERY, DELIVERED, true",
        "positive-delivery, DELIVERY, FAILED, false",
        "negative-delivery, DELIVERY, FAILED, true",
        "negative-delivery, DELIVERY, DELIVERED, false",
        "negative-delivery, DELIVERY, FORBIDDEN, true",
        "positive-delivery, DELIVERY, ERROR, true",
        "display, DELIVERY, ERROR, false",
        "display, DISPLAY, DISPLAYED, true",
        "positive-delivery, DISPLAY, DISPLAYED, false",
        "processing, PROCESSING, STORED, true",
        "display, PROCESSING, PROCESSED, false",
        "x-unknown, DISPLAY, DISPLAYED, false",
    })
    void onlyRequestedNotificationsMayBeSent(String asked, Imdn.Type type, Imdn.Status status, boolean allowed) {
        CpimMessage original = original(asked);
        assertEquals(allowed, ImdnCpim.requested(original, type, status));
        if (allowed) {
            ImdnCpim.respond(original, BOB, type, status, ImdnMessageId.random(), NOW);
        } else {
            assertThrows(IllegalStateException.class,
                    () -> ImdnCpim.respond(original, BOB, type, status, ImdnMessageId.random(), NOW));
        }
    }

    @Test
    void nothingIsRequestedWithoutTheHeader() {
        assertFalse(ImdnCpim.requested(original(null), Imdn.Type.DELIVERY, Imdn.Status.DELIVERED));
    }

    @Test
    void aMalformedRequestIsAProtocolError() {
        assertThrows(ProtocolException.class,
                () -> ImdnCpim.requested(original("display,,"), Imdn.Type.DISPLAY, Imdn.Status.DISPLAYED));
    }

    @Test
    void theOriginalNeedsAnIdAndADate() {
        CpimMessage noDate = original("display").toBuilder().removeHeaders("DateTime").build();
        assertThrows(IllegalArgumentException.class,
                () -> ImdnCpim.respond(noDate, BOB, Imdn.Type.DISPLAY, Imdn.Status.DISPLAYED, ImdnMessageId.random(), NOW));
        CpimMessage noId = original("display").toBuilder().removeHeaders("imdn", "Message-ID").build();
        assertThrows(IllegalArgumentException.class,
                () -> ImdnCpim.respond(noId, BOB, Imdn.Type.DISPLAY, Imdn.Status.DISPLAYED, ImdnMessageId.random(), NOW));
    }

    @Test
    void recognisesWhatIsNotANotification() {
        CpimMessage text = original("display");
        assertFalse(ImdnCpim.isNotification(text));
        assertEquals("Bad IMDN: not a notification (needs message/imdn+xml with Content-Disposition: notification)",
                assertThrows(ProtocolException.class, () -> ImdnCpim.unwrap(text)).reason());
        CpimMessage noDisposition = text.toBuilder().contentType(ContentType.MESSAGE_IMDN_XML).build();
        assertFalse(ImdnCpim.isNotification(noDisposition));
        CpimMessage otherDisposition = noDisposition.toBuilder().contentHeader("Content-Disposition", "render").build();
        assertFalse(ImdnCpim.isNotification(otherDisposition));
        CpimMessage brokenDisposition = noDisposition.toBuilder().contentHeader("Content-Disposition", "a b").build();
        assertFalse(ImdnCpim.isNotification(brokenDisposition));
        CpimMessage notificationWithBadBody = noDisposition.toBuilder()
                .contentHeader("Content-Disposition", "Notification;handling=optional").build();
        assertTrue(ImdnCpim.isNotification(notificationWithBadBody));
        assertThrows(ProtocolException.class, () -> ImdnCpim.unwrap(notificationWithBadBody));
    }
}
