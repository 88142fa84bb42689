package org.cpmserver.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.enterprise.concurrent.ManagedThreadFactory;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.cpmserver.events.EventOutbox;
import org.cpmserver.events.MessageEvent;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.imdn.ImdnMessageId;

/**
 * The {@link MessageJournal}'s one writer: a thread that takes the queued entries in batches and
 * writes each batch with one JDBC batch per table and one commit (group commit), with the
 * events of the steps in the batch (the outbox). Owns {@code cpm_message} and
 * {@code cpm_message_delivery}; rows of other owners' tables are bound by their owner
 * ({@link JournalEntry.Row}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before this bean touches the database
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JournalWriter {

    private static final Logger LOG = Logger.getLogger(JournalWriter.class.getName());
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    /** How long an entry nobody waits for waits for one somebody does, to share its commit. */
    static final long LINGER_MILLIS = 20;
    /** Attempts of a batch the database rolled back on its own (see {@link #write}). */
    static final int ATTEMPTS = 3;
    static final long RETRY_PAUSE_MILLIS = 10;

    private static final String INSERT_MESSAGE = "insert into cpm_message (id, imdn_message_id, conversation_id, contribution_id,"
            + " in_reply_to, sender, recipient, content_type, body, call_id, received_at, delivery_reported, display_reported)"
            + " values (?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT_DELIVERY = "insert into cpm_message_delivery (id, message_id, device, status, reason,"
            + " answered_at) values (?,?,?,?,?,?)";

    private static final String CLAIM_DELIVERY = "update cpm_message set delivery_reported = ? where imdn_message_id = ?"
            + " and recipient = ? and sender = ? and delivery_reported = ?";
    private static final String CLAIM_DISPLAY = "update cpm_message set display_reported = ? where imdn_message_id = ?"
            + " and recipient = ? and sender = ? and display_reported = ?";
    private static final String KNOWN_MESSAGE = "select count(*) from cpm_message where imdn_message_id = ?"
            + " and recipient = ? and sender = ?";

    @Resource(lookup = "jdbc/cpm")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    MessageJournal journal;

    @Inject
    EventOutbox outbox;

    /** Arrival order of rows of other owners (deferred messages); starts above anything a previous run can have written. */
    private final AtomicLong arrival = new AtomicLong(System.currentTimeMillis() * 1000);
    private Thread writer;
    long lingerMillis = LINGER_MILLIS;

    @PostConstruct
    void start() {
        journal.open();
        writer = threads.newThread(this::writeLoop);
        writer.setName("cpm-message-journal");
        writer.start();
    }

    @PreDestroy
    void stop() {
        journal.close();
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.abandon();
    }

    private void writeLoop() {
        List<MessageJournal.Pending> batch = new ArrayList<>(MessageJournal.MAX_BATCH);
        while (journal.isOpen() || !journal.isEmpty()) {
            try {
                MessageJournal.Pending first = journal.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                journal.drainTo(batch);
                if (!awaited(batch, 0)) {
                    linger(batch);
                }
                write(batch);
            } catch (InterruptedException e) {
                if (!journal.isOpen()) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "message journal writer failed", e);
                journal.notCommitted(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    /** Whether somebody waits for an entry of the batch from index {@code from} on. */
    private static boolean awaited(List<MessageJournal.Pending> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i).entry.awaited()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds to a batch nobody waits for until an entry someone waits for joins it, or the linger is
     * over. An interrupt ends the linger, not the batch: what was taken is written.
     */
    private void linger(List<MessageJournal.Pending> batch) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMillis);
        long left;
        while (journal.isOpen() && batch.size() < MessageJournal.MAX_BATCH && (left = deadline - System.nanoTime()) > 0) {
            MessageJournal.Pending next;
            try {
                next = journal.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == null) {
                return;
            }
            int from = batch.size();
            batch.add(next);
            journal.drainTo(batch);
            if (awaited(batch, from)) {
                return;
            }
        }
    }

    /**
     * Writes a batch; a transaction the database rolled back on its own (SQLState class 40: a
     * deadlock, a lock or sequence contention timeout) is written again, up to
     * {@link #ATTEMPTS} times, since nothing of it was kept and the next attempt usually passes.
     * Other failures fail the batch at once.
     */
    private void write(List<MessageJournal.Pending> batch) {
        for (int attempt = 1;; attempt++) {
            SQLException failure = attempt(batch);
            if (failure == null) {
                return;
            }
            if (attempt >= ATTEMPTS || !rolledBackByTheDatabase(failure)) {
                LOG.log(Level.SEVERE, "message journal could not commit a batch of " + batch.size()
                        + (attempt > 1 ? " (attempt " + attempt + ")" : ""), failure);
                journal.notCommitted(batch, new JournalUnavailable("message journal: " + failure.getMessage()));
                return;
            }
            LOG.log(Level.FINE, "message journal: batch rolled back by the database, written again", failure);
            try {
                Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static boolean rolledBackByTheDatabase(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransactionRollbackException
                    || (t instanceof SQLException && ((SQLException) t).getSQLState() != null
                            && ((SQLException) t).getSQLState().startsWith("40"))) {
                return true;
            }
        }
        return false;
    }

    /** One transaction for the batch: null once committed (the callers are told), else why not. */
    private SQLException attempt(List<MessageJournal.Pending> batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement messages = c.prepareStatement(INSERT_MESSAGE);
                    PreparedStatement deliveries = c.prepareStatement(INSERT_DELIVERY)) {
                int m = 0;
                int d = 0;
                Map<String, List<JournalEntry.Row>> rows = new LinkedHashMap<>();
                List<MessageJournal.Pending> claims = new ArrayList<>();
                List<MessageEvent> events = new ArrayList<>();
                for (MessageJournal.Pending p : batch) {
                    events.addAll(p.entry.events());
                    if (p.entry instanceof JournalEntry.Message) {
                        bind(messages, (JournalEntry.Message) p.entry);
                        messages.addBatch();
                        m++;
                    } else if (p.entry instanceof JournalEntry.Delivery) {
                        bind(deliveries, (JournalEntry.Delivery) p.entry);
                        deliveries.addBatch();
                        d++;
                    } else if (p.entry instanceof JournalEntry.Row) {
                        JournalEntry.Row row = (JournalEntry.Row) p.entry;
                        rows.computeIfAbsent(row.insert(), sql -> new ArrayList<>()).add(row);
                    } else if (p.entry instanceof JournalEntry.ReportClaim) {
                        claims.add(p);
                    }
                }
                if (m > 0) {
                    messages.executeBatch();
                }
                if (d > 0) {
                    deliveries.executeBatch();
                }
                for (Map.Entry<String, List<JournalEntry.Row>> table : rows.entrySet()) {
                    try (PreparedStatement insert = c.prepareStatement(table.getKey())) {
                        for (JournalEntry.Row row : table.getValue()) {
                            row.bind(insert, arrival.incrementAndGet());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                    }
                }
                // after the inserts: a report may race the message it reports on into the same batch
                for (MessageJournal.Pending p : claims) {
                    p.claimWon = claim(c, (JournalEntry.ReportClaim) p.entry);
                }
                EventOutbox.write(c, events);
                c.commit();
                if (!events.isEmpty()) {
                    outbox.wake();
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            journal.committed(batch);
            return null;
        } catch (SQLException e) {
            return e;
        }
    }

    private static boolean claim(Connection c, JournalEntry.ReportClaim claim) throws SQLException {
        String update = claim.kind == org.cpmserver.message.DispositionReport.Kind.DELIVERY ? CLAIM_DELIVERY : CLAIM_DISPLAY;
        try (PreparedStatement ps = c.prepareStatement(update)) {
            ps.setBoolean(1, true);
            ps.setString(2, claim.imdnMessageId);
            ps.setString(3, claim.recipient);
            ps.setString(4, claim.sender);
            ps.setBoolean(5, false);
            if (ps.executeUpdate() > 0) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(KNOWN_MESSAGE)) {
            ps.setString(1, claim.imdnMessageId);
            ps.setString(2, claim.recipient);
            ps.setString(3, claim.sender);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        }
    }

    private static void bind(PreparedStatement ps, JournalEntry.Message entry) throws SQLException {
        CpmMessage m = entry.message;
        ps.setString(1, entry.id);
        setNullable(ps, 2, m.imdn().map(ImdnMessageId::value).orElse(null));
        ps.setString(3, m.conversationId().value());
        ps.setString(4, m.contributionId().value());
        setNullable(ps, 5, m.inReplyToContribution().map(ContributionId::value).orElse(null));
        ps.setString(6, m.sender().uri());
        ps.setString(7, entry.recipient.uri());
        ps.setString(8, m.contentType());
        ps.setBytes(9, m.body());
        ps.setString(10, m.originReference());
        ps.setTimestamp(11, Timestamp.from(m.receivedAt()), (Calendar) UTC.clone());
        ps.setBoolean(12, false);
        ps.setBoolean(13, false);
    }

    private static void bind(PreparedStatement ps, JournalEntry.Delivery d) throws SQLException {
        ps.setString(1, d.id);
        ps.setString(2, d.messageId);
        ps.setString(3, d.device);
        ps.setInt(4, d.status);
        setNullable(ps, 5, d.reason);
        ps.setTimestamp(6, Timestamp.from(d.answeredAt), (Calendar) UTC.clone());
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
