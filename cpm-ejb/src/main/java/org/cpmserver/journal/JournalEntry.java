package org.cpmserver.journal;

import java.time.Instant;
import java.util.Objects;

/** What the message journal writes: accepted messages and per-device outcomes. */
public abstract class JournalEntry {

    private JournalEntry() {
    }

    /** A pager message the server accepted (one row per recipient). */
    public static final class Message extends JournalEntry {
        final String id;
        final String imdnMessageId;
        final String conversationId;
        final String contributionId;
        final String inReplyToContributionId;
        final String sender;
        final String recipient;
        final String contentType;
        final byte[] body;
        final String callId;
        final Instant receivedAt;

        public Message(String id, String imdnMessageId, String conversationId, String contributionId,
                String inReplyToContributionId, String sender, String recipient, String contentType, byte[] body,
                String callId, Instant receivedAt) {
            this.id = Objects.requireNonNull(id);
            this.imdnMessageId = imdnMessageId;
            this.conversationId = conversationId;
            this.contributionId = contributionId;
            this.inReplyToContributionId = inReplyToContributionId;
            this.sender = Objects.requireNonNull(sender);
            this.recipient = Objects.requireNonNull(recipient);
            this.contentType = Objects.requireNonNull(contentType);
            this.body = Objects.requireNonNull(body);
            this.callId = Objects.requireNonNull(callId);
            this.receivedAt = Objects.requireNonNull(receivedAt);
        }

        public String id() {
            return id;
        }
    }

    /** How one device answered one message. */
    public static final class Delivery extends JournalEntry {
        final String id;
        final String messageId;
        final String device;
        final int status;
        final String reason;
        final Instant answeredAt;

        public Delivery(String id, String messageId, String device, int status, String reason, Instant answeredAt) {
            this.id = Objects.requireNonNull(id);
            this.messageId = Objects.requireNonNull(messageId);
            this.device = Objects.requireNonNull(device);
            this.status = status;
            this.reason = reason;
            this.answeredAt = Objects.requireNonNull(answeredAt);
        }
    }

    /**
     * A recipient's disposition notification on its way back to the sender: the first one of its
     * kind for a (message, recipient) pair claims the right to be forwarded, later ones (from the
     * recipient's other devices) lose.
     */
    public static final class ReportClaim extends JournalEntry {
        /** The notification kinds that are collapsed to one per recipient. */
        public enum Kind { DELIVERY, DISPLAY }

        final String imdnMessageId;
        final String recipient;
        final String sender;
        final Kind kind;

        /**
         * @param imdnMessageId the {@code imdn.Message-ID} of the original message
         * @param recipient the original message's recipient, who reports
         * @param sender the original message's sender, who receives the report
         */
        public ReportClaim(String imdnMessageId, String recipient, String sender, Kind kind) {
            this.imdnMessageId = Objects.requireNonNull(imdnMessageId);
            this.recipient = Objects.requireNonNull(recipient);
            this.sender = Objects.requireNonNull(sender);
            this.kind = Objects.requireNonNull(kind);
        }
    }

    /** A message stored for a recipient none of whose devices could take it now. */
    public static final class Deferred extends JournalEntry {
        final String id;
        final String recipient;
        final String sender;
        final String imdnMessageId;
        final String conversationId;
        final String contributionId;
        final String contentType;
        final byte[] body;
        final Instant receivedAt;
        final Instant expiresAt;

        public Deferred(String id, String recipient, String sender, String imdnMessageId, String conversationId,
                String contributionId, String contentType, byte[] body, Instant receivedAt, Instant expiresAt) {
            this.id = Objects.requireNonNull(id);
            this.recipient = Objects.requireNonNull(recipient);
            this.sender = Objects.requireNonNull(sender);
            this.imdnMessageId = imdnMessageId;
            this.conversationId = Objects.requireNonNull(conversationId);
            this.contributionId = Objects.requireNonNull(contributionId);
            this.contentType = Objects.requireNonNull(contentType);
            this.body = Objects.requireNonNull(body);
            this.receivedAt = Objects.requireNonNull(receivedAt);
            this.expiresAt = Objects.requireNonNull(expiresAt);
        }

        public String id() {
            return id;
        }
    }
}
