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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
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
 * Durable record of accepted messages, written off the signalling thread with group commit: a
 * single writer drains whatever has queued up (up to {@value #MAX_BATCH} entries) into one JDBC
 * batch and one commit, then completes the futures of the messages in it. A SIP response that
 * promises delivery or storage waits for that future, so no message is ever answered 200 or 202
 * without being on disk, while the database sees one commit per batch instead of one per message.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before this bean touches the database
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MessageJournal {

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 50_000;
    private static final Logger LOG = Logger.getLogger(MessageJournal.class.getName());
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

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
    EventOutbox outbox;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong written = new AtomicLong();
    /** Arrival order of rows of other owners (deferred messages); starts above anything a previous run can have written. */
    private final AtomicLong arrival = new AtomicLong(System.currentTimeMillis() * 1000);
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running;
    private Thread writer;

    private static final class Pending {
        final JournalEntry entry;
        final CompletableFuture<Void> committed;
        boolean claimWon;

        Pending(JournalEntry entry, CompletableFuture<Void> committed) {
            this.entry = entry;
            this.committed = committed;
        }
    }

    @PostConstruct
    void start() {
        running = true;
        writer = threads.newThread(this::writeLoop);
        writer.setName("cpm-message-journal");
        writer.start();
    }

    /**
     * Queues a message; the future completes when it is committed, or fails when it cannot be
     * (queue full: the server is overloaded; or the database refused the batch).
     */
    public CompletableFuture<Void> record(JournalEntry.Message message) {
        return enqueue(message);
    }

    /** Queues a row of another owner's table (a deferred message); the future completes when it is committed. */
    public CompletableFuture<Void> record(JournalEntry.Row row) {
        return enqueue(row);
    }

    /** Queues a delivery outcome. Nobody waits for it; a failure is logged and counted. */
    public void record(JournalEntry.Delivery delivery) {
        enqueue(delivery);
    }

    /** Queues the events of a step that writes nothing else; completes at once when there are none. */
    public CompletableFuture<Void> record(JournalEntry.Events events) {
        return events.events().isEmpty() ? CompletableFuture.completedFuture(null) : enqueue(events);
    }

    /**
     * Claims the right to forward a disposition notification. Completes with true for the first
     * claim of its kind for a (message, recipient) pair, and for a message this server never
     * recorded (nothing to collapse against); false for every later claim.
     */
    public CompletableFuture<Boolean> claim(JournalEntry.ReportClaim claim) {
        Pending pending = new Pending(claim, new CompletableFuture<>());
        CompletableFuture<Boolean> won = pending.committed.thenApply(done -> pending.claimWon);
        offer(pending);
        return won;
    }

    private CompletableFuture<Void> enqueue(JournalEntry entry) {
        Pending pending = new Pending(entry, new CompletableFuture<>());
        offer(pending);
        return pending.committed;
    }

    private void offer(Pending pending) {
        if (!running || !queue.offer(pending)) {
            failed.incrementAndGet();
            pending.committed.completeExceptionally(new JournalUnavailable(running
                    ? "message journal queue full (" + QUEUE_CAPACITY + ")" : "message journal stopped"));
        }
    }

    /** Entries committed since start. */
    public long written() {
        return written.get();
    }

    /** Entries that could not be committed since start. */
    public long failed() {
        return failed.get();
    }

    /** Entries waiting for the writer. */
    public int backlog() {
        return queue.size();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "message journal writer failed", e);
                batch.forEach(p -> p.committed.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement messages = c.prepareStatement(INSERT_MESSAGE);
                    PreparedStatement deliveries = c.prepareStatement(INSERT_DELIVERY)) {
                int m = 0;
                int d = 0;
                Map<String, List<JournalEntry.Row>> rows = new LinkedHashMap<>();
                List<Pending> claims = new ArrayList<>();
                List<MessageEvent> events = new ArrayList<>();
                for (Pending p : batch) {
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
                for (Pending p : claims) {
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
            written.addAndGet(batch.size());
            batch.forEach(p -> p.committed.complete(null));
        } catch (SQLException e) {
            failed.addAndGet(batch.size());
            LOG.log(Level.SEVERE, "message journal could not commit a batch of " + batch.size(), e);
            JournalUnavailable failure = new JournalUnavailable("message journal: " + e.getMessage());
            batch.forEach(p -> p.committed.completeExceptionally(failure));
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

    @PreDestroy
    void stop() {
        running = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.forEach(p -> p.committed.completeExceptionally(new JournalUnavailable("message journal stopped")));
    }
}
