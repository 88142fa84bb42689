package org.cpmserver.deferred;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Calendar;
import java.util.Objects;
import java.util.TimeZone;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A message newly stored for a recipient none of whose devices could take it now: its row of
 * {@code cpm_deferred}, which the deferred package owns (this insert, and the JPA mapping
 * {@code DeferredRecord} that {@link DeferredStore} reads, updates and deletes it through). The
 * message journal only batches it into its group commit, so the message is stored exactly when
 * the sender's 202 may go.
 */
final class DeferredRow extends JournalEntry.Row {

    private static final String INSERT = "insert into cpm_deferred (id, arrival_seq, recipient, sender, imdn_message_id,"
            + " conversation_id, contribution_id, content_type, body, body_size, received_at, expires_at)"
            + " values (?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    private final String id;
    private final SipAddress recipient;
    private final CpmMessage message;
    private final Instant expiresAt;

    DeferredRow(String id, SipAddress recipient, CpmMessage message, Instant expiresAt) {
        this.id = Objects.requireNonNull(id);
        this.recipient = Objects.requireNonNull(recipient);
        this.message = Objects.requireNonNull(message);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    @Override
    public String insert() {
        return INSERT;
    }

    @Override
    public void bind(PreparedStatement ps, long arrival) throws SQLException {
        ps.setString(1, id);
        ps.setLong(2, arrival);
        ps.setString(3, recipient.uri());
        ps.setString(4, message.sender().uri());
        String imdn = message.imdn().map(ImdnMessageId::value).orElse(null);
        if (imdn == null) {
            ps.setNull(5, Types.VARCHAR);
        } else {
            ps.setString(5, imdn);
        }
        ps.setString(6, message.conversationId().value());
        ps.setString(7, message.contributionId().value());
        ps.setString(8, message.contentType());
        ps.setBytes(9, message.body());
        ps.setInt(10, message.size());
        ps.setTimestamp(11, Timestamp.from(message.receivedAt()), (Calendar) UTC.clone());
        ps.setTimestamp(12, Timestamp.from(expiresAt), (Calendar) UTC.clone());
    }
}
