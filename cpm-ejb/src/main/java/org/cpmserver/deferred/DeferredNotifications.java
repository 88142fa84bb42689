package org.cpmserver.deferred;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.CpimAddress;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.cpim.CpimWriter;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnCpim;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.mime.ContentType;

/**
 * The disposition notifications the Deferred Messaging Function sends on behalf of a recipient
 * (RFC 5438 §7): a processing notification {@code <stored/>} when it keeps a message, a delivery
 * notification {@code <failed/>} when a message expires before any device received it. Each is
 * sent only when the original's {@code imdn.Disposition-Notification} asked for it, is itself a
 * CPIM message from the recipient to the original sender (fresh imdn.Message-ID, no notification
 * request of its own), and then travels to the sender like any message.
 */
public final class DeferredNotifications {

    /** A notification ready to be stored for (and delivered to) the original sender. */
    public static final class Notification {
        private final String recipient;
        private final String sender;
        private final String imdnMessageId;
        private final String conversationId;
        private final String contributionId;
        private final byte[] body;

        Notification(String recipient, String sender, String imdnMessageId, String conversationId, String contributionId,
                byte[] body) {
            this.recipient = recipient;
            this.sender = sender;
            this.imdnMessageId = imdnMessageId;
            this.conversationId = conversationId;
            this.contributionId = contributionId;
            this.body = body;
        }

        /** The original message's sender, who receives the notification. */
        public String recipient() {
            return recipient;
        }

        /** The original message's recipient, on whose behalf the server reports. */
        public String sender() {
            return sender;
        }

        public String imdnMessageId() {
            return imdnMessageId;
        }

        public String conversationId() {
            return conversationId;
        }

        public String contributionId() {
            return contributionId;
        }

        public String contentType() {
            return "message/cpim";
        }

        public byte[] body() {
            return body.clone();
        }
    }

    private DeferredNotifications() {
    }

    /** The {@code <stored/>} processing notification for a message just stored, if its sender asked for one. */
    public static Optional<Notification> stored(String sender, String recipient, String conversationId, String contributionId,
            String contentType, byte[] body, OffsetDateTime now) {
        return respond(sender, recipient, conversationId, contributionId, contentType, body, Imdn.Type.PROCESSING,
                Imdn.Status.STORED, now);
    }

    /** The {@code <failed/>} delivery notification for a message that expired undelivered, if its sender asked for one. */
    public static Optional<Notification> failed(String sender, String recipient, String conversationId, String contributionId,
            String contentType, byte[] body, OffsetDateTime now) {
        return respond(sender, recipient, conversationId, contributionId, contentType, body, Imdn.Type.DELIVERY,
                Imdn.Status.FAILED, now);
    }

    private static Optional<Notification> respond(String sender, String recipient, String conversationId,
            String contributionId, String contentType, byte[] body, Imdn.Type type, Imdn.Status status, OffsetDateTime now) {
        try {
            if (!ContentType.parse(contentType).is("message/cpim")) {
                return Optional.empty(); // only a CPIM message can ask for notifications
            }
            CpimMessage original = CpimParser.parse(body);
            if (ImdnCpim.isNotification(original) || original.imdnMessageId().isEmpty() || original.dateTime().isEmpty()
                    || !ImdnCpim.requested(original, type, status)) {
                return Optional.empty();
            }
            ImdnMessageId id = ImdnMessageId.random();
            CpimMessage notification = ImdnCpim.respond(original, CpimAddress.of(recipient), type, status, id, now);
            return Optional.of(new Notification(sender, recipient, id.value(), conversationId, contributionId,
                    CpimWriter.write(notification)));
        } catch (ProtocolException | IllegalArgumentException e) {
            // the pager validated the body before storing it; a notification we cannot build is simply not sent
            return Optional.empty();
        }
    }
}
