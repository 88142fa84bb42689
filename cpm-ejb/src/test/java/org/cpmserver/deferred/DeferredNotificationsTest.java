package org.cpmserver.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.Messages;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnCpim;
import org.cpmserver.protocol.sip.SipAddress;
import org.junit.jupiter.api.Test;

class DeferredNotificationsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-24T10:05:00Z");
    private static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");
    private static final SipAddress BOB = SipAddress.parse("sip:bob@example.com");

    private static CpmMessage from(SipAddress sender, String contentType, byte[] body) {
        return Messages.of(sender, contentType, body);
    }

    private static byte[] cpim(String notifications) {
        return ("From: <" + ALICE + ">\r\nTo: <" + BOB + ">\r\nNS: imdn <urn:ietf:params:imdn>\r\n"
                + "imdn.Message-ID: orig-1\r\nDateTime: 2026-11-24T10:00:00.000Z\r\n"
                + (notifications == null ? "" : "imdn.Disposition-Notification: " + notifications + "\r\n")
                + "\r\nContent-Type: text/plain\r\n\r\nhello").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storedGoesFromTheRecipientToTheSenderAboutTheOriginal() {
        DeferredNotifications.Notification n = DeferredNotifications.stored(from(ALICE, "message/cpim",
                cpim("positive-delivery, processing")), BOB, NOW).orElseThrow();
        assertEquals(ALICE, n.to());
        assertEquals(BOB, n.message().sender());
        assertEquals("conv", n.message().conversationId().value());
        CpimMessage m = CpimParser.parse(n.message().body());
        assertEquals(BOB.uri(), m.from().uri());
        String id = n.message().imdn().orElseThrow().value();
        assertEquals(id, m.imdnMessageId().orElseThrow());
        assertNotEquals("orig-1", id);
        assertEquals("orig-1", n.message().dispositionReport().orElseThrow().original().value());
        assertTrue(m.imdnHeader("Disposition-Notification").isEmpty(), "a notification asks for none");
        Imdn imdn = ImdnCpim.unwrap(m);
        assertEquals(Imdn.Type.PROCESSING, imdn.type());
        assertEquals(Imdn.Status.STORED, imdn.status());
        assertEquals("orig-1", imdn.messageId().value());
        assertEquals(OffsetDateTime.parse("2026-11-24T10:00:00Z"), imdn.dateTime());
        assertEquals(Optional.of(BOB.uri()), imdn.recipientUri());
    }

    @Test
    void failedOnlyWhenNegativeDeliveryWasAskedFor() {
        Imdn imdn = ImdnCpim.unwrap(CpimParser.parse(DeferredNotifications.failed(from(ALICE, "message/cpim",
                cpim("negative-delivery")), BOB, NOW).orElseThrow().message().body()));
        assertEquals(Imdn.Type.DELIVERY, imdn.type());
        assertEquals(Imdn.Status.FAILED, imdn.status());
        assertTrue(DeferredNotifications.failed(from(ALICE, "message/cpim", cpim("positive-delivery, processing")), BOB, NOW)
                .isEmpty());
    }

    @Test
    void nothingUnlessAskedByACpimUserMessage() {
        assertTrue(DeferredNotifications.stored(from(ALICE, "message/cpim", cpim(null)), BOB, NOW).isEmpty());
        assertTrue(DeferredNotifications.stored(from(ALICE, "message/cpim", cpim("display")), BOB, NOW).isEmpty());
        assertTrue(DeferredNotifications.stored(from(ALICE, "text/plain", "processing".getBytes(StandardCharsets.UTF_8)), BOB,
                NOW).isEmpty());
        assertTrue(DeferredNotifications.stored(from(ALICE, "message/cpim", "not cpim".getBytes(StandardCharsets.UTF_8)), BOB,
                NOW).isEmpty());
        // a notification is never answered by another (even if it wrongly asks)
        byte[] stored = DeferredNotifications.stored(from(ALICE, "message/cpim", cpim("processing")), BOB, NOW)
                .orElseThrow().message().body();
        assertTrue(DeferredNotifications.failed(from(BOB, "message/cpim", stored), ALICE, NOW).isEmpty());
    }
}
