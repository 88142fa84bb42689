package org.cpmserver.protocol.imdn;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.CpimAddress;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.mime.ContentDisposition;
import org.cpmserver.protocol.mime.ContentType;

/**
 * IMDNs as CPIM messages (RFC 5438 §7.2.1): the notification travels as a CPIM message of its
 * own, with a fresh {@code imdn.Message-ID}, a DateTime, {@code Content-Type: message/imdn+xml}
 * and {@code Content-Disposition: notification}, and never asks for notifications itself.
 */
public final class ImdnCpim {

    private ImdnCpim() {
    }

    /**
     * Wraps {@code imdn} for sending.
     *
     * @param from the reporting recipient
     * @param to the sender of the original message
     * @param notificationId the notification's own Message-ID (not the original's)
     * @param now the notification's DateTime
     */
    public static CpimMessage wrap(Imdn imdn, CpimAddress from, CpimAddress to, ImdnMessageId notificationId,
            OffsetDateTime now) {
        return builderFor(from, to, notificationId, now)
                .contentType(ContentType.MESSAGE_IMDN_XML)
                .contentHeader("Content-Disposition", ContentDisposition.NOTIFICATION.toString())
                .body(ImdnXml.write(imdn))
                .build();
    }

    /**
     * The notification answering {@code original}, with the fields RFC 5438 §7.2.1 prescribes:
     * {@code <message-id>} and {@code <datetime>} are the original's imdn.Message-ID and DateTime,
     * {@code <recipient-uri>} is {@code self}, {@code <original-recipient-uri>} is the original's
     * imdn.Original-To when present, the CPIM To is the original From, and each
     * imdn.IMDN-Record-Route of the original becomes an imdn.IMDN-Route here, in the same order.
     * The subject is not echoed (it is optional and only discloses content again).
     *
     * @throws IllegalArgumentException when {@code original} lacks imdn.Message-ID or DateTime, or
     *     {@code status} does not belong to {@code type}
     * @throws ProtocolException when the original's Message-ID, Original-To or
     *     Disposition-Notification is malformed
     * @throws IllegalStateException when {@code original} did not ask for this notification (RFC 5438
     *     forbids unsolicited ones); check {@link #requested} first
     */
    public static CpimMessage respond(CpimMessage original, CpimAddress self, Imdn.Type type, Imdn.Status status,
            ImdnMessageId notificationId, OffsetDateTime now) {
        if (!requested(original, type, status)) {
            throw new IllegalStateException("the message did not ask for a " + type.element() + " with status "
                    + status.element());
        }
        ImdnMessageId originalId = ImdnMessageId.parse(original.imdnMessageId()
                .orElseThrow(() -> new IllegalArgumentException("the message has no imdn.Message-ID")));
        OffsetDateTime sent = original.dateTime()
                .orElseThrow(() -> new IllegalArgumentException("the message has no DateTime"));
        Imdn imdn = Imdn.of(type, status, originalId, sent).withRecipientUri(self.uri());
        Optional<String> originalTo = original.imdnHeader("Original-To");
        if (originalTo.isPresent()) {
            imdn = imdn.withOriginalRecipientUri(CpimAddress.parse(originalTo.get()).uri());
        }
        CpimMessage.Builder b = builderFor(self, original.from(), notificationId, now);
        List<String> recordRoutes = original.headers(CpimMessage.IMDN_NAMESPACE, "IMDN-Record-Route");
        for (String route : recordRoutes) {
            b.imdn("IMDN-Route", route);
        }
        return b.contentType(ContentType.MESSAGE_IMDN_XML)
                .contentHeader("Content-Disposition", ContentDisposition.NOTIFICATION.toString())
                .body(ImdnXml.write(imdn))
                .build();
    }

    /**
     * Whether {@code original}'s imdn.Disposition-Notification asks for this notification:
     * {@code delivered} needs positive-delivery, {@code failed} negative-delivery, a delivery
     * {@code forbidden}/{@code error} either; display and processing need their own token.
     *
     * @throws ProtocolException when the header is malformed
     */
    public static boolean requested(CpimMessage original, Imdn.Type type, Imdn.Status status) {
        DispositionNotification asked = original.imdnHeader("Disposition-Notification")
                .map(DispositionNotification::parse)
                .orElse(DispositionNotification.none());
        return switch (type) {
            case DELIVERY -> switch (status) {
                case DELIVERED -> asked.requests(DispositionNotification.Kind.POSITIVE_DELIVERY);
                case FAILED -> asked.requests(DispositionNotification.Kind.NEGATIVE_DELIVERY);
                default -> asked.requests(DispositionNotification.Kind.POSITIVE_DELIVERY)
                        || asked.requests(DispositionNotification.Kind.NEGATIVE_DELIVERY);
            };
            case DISPLAY -> asked.requests(DispositionNotification.Kind.DISPLAY);
            case PROCESSING -> asked.requests(DispositionNotification.Kind.PROCESSING);
        };
    }

    /**
     * Whether {@code message} carries an IMDN: content type {@code message/imdn+xml} with
     * disposition {@code notification} (RFC 5438 §7.2.1).
     */
    public static boolean isNotification(CpimMessage message) {
        if (!message.contentType().is("message/imdn+xml")) {
            return false;
        }
        Optional<String> disposition = message.contentHeaders().first("Content-Disposition");
        try {
            return disposition.isPresent() && ContentDisposition.parse(disposition.get()).is("notification");
        } catch (ProtocolException e) {
            return false;
        }
    }

    /**
     * The IMDN document carried by {@code message}.
     *
     * @throws ProtocolException ("Bad IMDN: ...") when the message is not a notification or its body
     *     is not a valid IMDN document
     */
    public static Imdn unwrap(CpimMessage message) {
        if (!isNotification(message)) {
            throw new ProtocolException(DispositionNotification.BAD_IMDN,
                    "not a notification (needs message/imdn+xml with Content-Disposition: notification)");
        }
        return ImdnXml.parse(message.body());
    }

    private static CpimMessage.Builder builderFor(CpimAddress from, CpimAddress to, ImdnMessageId id, OffsetDateTime now) {
        return CpimMessage.builder()
                .from(from)
                .to(to)
                .imdn("Message-ID", id.value())
                .dateTime(now);
    }
}
