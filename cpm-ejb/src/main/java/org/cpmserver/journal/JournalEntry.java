package org.cpmserver.journal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.cpmserver.events.MessageEvent;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * What the message journal writes: accepted messages and per-device outcomes, and with each the
 * {@link MessageEvent}s of that step, committed in the same transaction.
 */
public abstract class JournalEntry {

    private List<MessageEvent> events = List.of();

    private JournalEntry() {
    }

    /** Sets the events of this step, written with it; before the entry is handed to the journal. */
    void setEvents(List<MessageEvent> stepEvents) {
        this.events = List.copyOf(stepEvents);
    }

    public List<MessageEvent> events() {
        return events;
    }

    /**
     * Whether someone waits for this entry's commit (an answer to a sender does). An entry nobody
     * waits for may wait up to {@link JournalWriter#LINGER_MILLIS} to share a commit with one.
     */
    boolean awaited() {
        return true;
    }

    /** Events of a step that writes nothing else (a refusal). */
    public static final class Events extends JournalEntry {

        public Events(List<MessageEvent> events) {
            setEvents(events);
        }
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

        /** This entry, with the events of its step. */
        public Message withEvents(List<MessageEvent> stepEvents) {
            setEvents(stepEvents);
            return this;
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

        /** This entry, with the events of its step. */
        public Delivery withEvents(List<MessageEvent> stepEvents) {
            setEvents(stepEvents);
            return this;
        }

        /** Nobody waits for a device's outcome: the sender was answered from the message's own record. */
        @Override
        boolean awaited() {
            return false;
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

    /**
     * A row of a table another package owns, inserted in the journal's group commit so that it is
     * durable exactly as a message is: the owner of the table writes the statement and binds it,
     * the journal only batches and commits. Rows with the same statement share one JDBC batch.
     */
    public abstract static class Row extends JournalEntry {

        protected Row() {
        }

        /** This row, with the events of its step. */
        public Row withEvents(List<MessageEvent> stepEvents) {
            setEvents(stepEvents);
            return this;
        }

        /** The insert statement. */
        public abstract String insert();

        /**
         * Binds this row's values.
         *
         * @param arrival a number that grows with every row the journal writes, across restarts
         */
        public abstract void bind(PreparedStatement insert, long arrival) throws SQLException;
    }
}
