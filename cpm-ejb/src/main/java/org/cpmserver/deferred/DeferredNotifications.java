package org.cpmserver.deferred;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.CpimAddress;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.cpim.CpimWriter;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnCpim;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * The disposition notifications the Deferred Messaging Function sends on behalf of a recipient
 * (RFC 5438 §7): a processing notification {@code <stored/>} when it keeps a message, a delivery
 * notification {@code <failed/>} when a message expires before any device received it. Each is
 * sent only when the original's {@code imdn.Disposition-Notification} asked for it, is itself a
 * CPIM message from the recipient to the original sender (fresh imdn.Message-ID, no notification
 * request of its own), and then travels to the sender like any message.
 */
public final class DeferredNotifications {

    private static final String CPIM = "message/cpim";
    private static final String IMDN = "message/imdn+xml";

    /**
     * A notification ready to be stored for (and delivered to) the original sender.
     *
     * @param to the original message's sender, who receives the notification
     * @param message the notification, sent by the original recipient (on whose behalf the server reports)
     */
    public record Notification(SipAddress to, CpmMessage message) {
    }

    private DeferredNotifications() {
    }

    /** The {@code <stored/>} processing notification for a message just stored, if its sender asked for one. */
    public static Optional<Notification> stored(CpmMessage original, SipAddress recipient, OffsetDateTime now) {
        return respond(original, recipient, Imdn.Type.PROCESSING, Imdn.Status.STORED, now);
    }

    /** The {@code <failed/>} delivery notification for a message that expired undelivered, if its sender asked for one. */
    public static Optional<Notification> failed(CpmMessage original, SipAddress recipient, OffsetDateTime now) {
        return respond(original, recipient, Imdn.Type.DELIVERY, Imdn.Status.FAILED, now);
    }

    private static Optional<Notification> respond(CpmMessage message, SipAddress recipient, Imdn.Type type,
            Imdn.Status status, OffsetDateTime now) {
        try {
            if (!ContentType.parse(message.contentType()).is("message/cpim")) {
                return Optional.empty(); // only a CPIM message can ask for notifications
            }
            CpimMessage original = CpimParser.parse(message.body());
            if (ImdnCpim.isNotification(original) || original.imdnMessageId().isEmpty() || original.dateTime().isEmpty()
                    || !ImdnCpim.requested(original, type, status)) {
                return Optional.empty();
            }
            ImdnMessageId id = ImdnMessageId.random();
            CpimMessage notification = ImdnCpim.respond(original, CpimAddress.of(recipient.uri()), type, status, id, now);
            byte[] body = CpimWriter.write(notification);
            return Optional.of(new Notification(message.sender(), new CpmMessage(recipient, message.conversationId(),
                    message.contributionId(), null, id, CPIM, IMDN, body,
                    new DispositionReport(ImdnMessageId.parse(original.imdnMessageId().orElseThrow()),
                            type == Imdn.Type.PROCESSING ? DispositionReport.Kind.PROCESSING : DispositionReport.Kind.DELIVERY),
                    now.toInstant(), "deferred-notification")));
        } catch (ProtocolException | IllegalArgumentException e) {
            // the pager validated the body before storing it; a notification we cannot build is simply not sent
            return Optional.empty();
        }
    }
}
