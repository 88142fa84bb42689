package org.cpmserver.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnCpim;
import org.junit.jupiter.api.Test;

class DeferredNotificationsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-24T10:05:00Z");
    private static final String ALICE = "sip:alice@example.com";
    private static final String BOB = "sip:bob@example.com";

    private static byte[] cpim(String notifications) {
        return ("From: <" + ALICE + ">\r\nTo: <" + BOB + ">\r\nNS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: orig-1\r\nDateTime: 2026-11-24T10:00:00.000Z\r\n"
                + (notifications == null ? "" : "imdn.Disposition-Notification: " + notifications + "\r\n")
                + "\r\nContent-Type: text/plain\r\n\r\nhello").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storedGoesFromTheRecipientToTheSenderAboutTheOriginal() {
        DeferredNotifications.Notification n = DeferredNotifications.stored(ALICE, BOB, "conv", "contrib", "message/cpim",
                cpim("positive-delivery, processing"), NOW).orElseThrow();
        assertEquals(ALICE, n.recipient());
        assertEquals(BOB, n.sender());
        assertEquals("conv", n.conversationId());
        CpimMessage m = CpimParser.parse(n.body());
        assertEquals(BOB, m.from().uri());
        assertEquals(n.imdnMessageId(), m.imdnMessageId().orElseThrow());
        assertNotEquals("orig-1", n.imdnMessageId());
        assertTrue(m.imdnHeader("Disposition-Notification").isEmpty(), "a notification asks for none");
        Imdn imdn = ImdnCpim.unwrap(m);
        assertEquals(Imdn.Type.PROCESSING, imdn.type());
        assertEquals(Imdn.Status.STORED, imdn.status());
        assertEquals("orig-1", imdn.messageId().value());
        assertEquals(OffsetDateTime.parse("2026-11-24T10:00:00Z"), imdn.dateTime());
        assertEquals(Optional.of(BOB), imdn.recipientUri());
    }

    @Test
    void failedOnlyWhenNegativeDeliveryWasAskedFor() {
        Imdn imdn = ImdnCpim.unwrap(CpimParser.parse(DeferredNotifications.failed(ALICE, BOB, "c", "c", "message/cpim",
                cpim("negative-delivery"), NOW).orElseThrow().body()));
        assertEquals(Imdn.Type.DELIVERY, imdn.type());
        assertEquals(Imdn.Status.FAILED, imdn.status());
        assertTrue(DeferredNotifications.failed(ALICE, BOB, "c", "c", "message/cpim", cpim("positive-delivery, processing"), NOW)
                .isEmpty());
    }

    @Test
    void nothingUnlessAskedByACpimUserMessage() {
        assertTrue(DeferredNotifications.stored(ALICE, BOB, "c", "c", "message/cpim", cpim(null), NOW).isEmpty());
        assertTrue(DeferredNotifications.stored(ALICE, BOB, "c", "c", "message/cpim", cpim("display"), NOW).isEmpty());
        assertTrue(DeferredNotifications.stored(ALICE, BOB, "c", "c", "text/plain", "processing".getBytes(StandardCharsets.UTF_8),
                NOW).isEmpty());
        assertTrue(DeferredNotifications.stored(ALICE, BOB, "c", "c", "message/cpim", "not cpim".getBytes(StandardCharsets.UTF_8),
                NOW).isEmpty());
        // a notification is never answered by another (even if it wrongly asks)
        byte[] stored = DeferredNotifications.stored(ALICE, BOB, "c", "c", "message/cpim", cpim("processing"), NOW)
                .orElseThrow().body();
        assertTrue(DeferredNotifications.failed(BOB, ALICE, "c", "c", "message/cpim", stored, NOW).isEmpty());
    }
}
