package org.cpmserver.journal;

import java.time.Instant;
import java.util.Objects;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.protocol.sip.SipAddress;

/** What the message journal writes: accepted messages and per-device outcomes. */
public abstract class JournalEntry {

    private JournalEntry() {
    }

    /** A message the server accepted (one row per recipient). */
    public static final class Message extends JournalEntry {
        final String id;
        final SipAddress recipient;
        final CpmMessage message;

        public Message(String id, SipAddress recipient, CpmMessage message) {
            this.id = Objects.requireNonNull(id);
            this.recipient = Objects.requireNonNull(recipient);
            this.message = Objects.requireNonNull(message);
        }

        public String id() {
            return id;
        }
    }

    /** How one device answered one message ({@code status}: what its protocol said, kept for operators). */
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
        final String imdnMessageId;
        final String recipient;
        final String sender;
        final DispositionReport.Kind kind;

        /**
         * @param imdnMessageId the {@code imdn.Message-ID} of the original message
         * @param recipient the original message's recipient, who reports
         * @param sender the original message's sender, who receives the report
         */
        public ReportClaim(String imdnMessageId, String recipient, String sender, DispositionReport.Kind kind) {
            if (kind == DispositionReport.Kind.PROCESSING) {
                throw new IllegalArgumentException("processing notifications are not collapsed");
            }
            this.imdnMessageId = Objects.requireNonNull(imdnMessageId);
            this.recipient = Objects.requireNonNull(recipient);
            this.sender = Objects.requireNonNull(sender);
            this.kind = Objects.requireNonNull(kind);
        }

        @Override
        public String toString() {
            return kind + " report of " + recipient + " to " + sender + " on " + imdnMessageId;
        }
    }

    /** A message stored for a recipient none of whose devices could take it now. */
    public static final class Deferred extends JournalEntry {
        final String id;
        final SipAddress recipient;
        final CpmMessage message;
        final Instant expiresAt;

        public Deferred(String id, SipAddress recipient, CpmMessage message, Instant expiresAt) {
            this.id = Objects.requireNonNull(id);
            this.recipient = Objects.requireNonNull(recipient);
            this.message = Objects.requireNonNull(message);
            this.expiresAt = Objects.requireNonNull(expiresAt);
        }

        public String id() {
            return id;
        }
    }
}
