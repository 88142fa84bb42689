package org.cpmserver.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
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
import javax.enterprise.inject.Any;
import javax.enterprise.inject.Instance;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The durable side of the {@link MessageEvent}s: the transactional outbox (tables
 * {@code cpm_event} and {@code cpm_event_cursor}, which this class alone reads and writes).
 *
 * <ol>
 *   <li><b>Write.</b> An event row is inserted in the transaction of the step it reports: the
 *       message journal's group commit ({@link #write(Connection, List)}) or the caller's JTA
 *       transaction ({@link #append}). A step that rolls back leaves no event; a step that
 *       committed has its event on disk, whatever happens to the process next.</li>
 *   <li><b>Sequence.</b> Rows are inserted unnumbered. One sequencer at a time (serialized across
 *       nodes on the {@code #sequencer} cursor row) numbers the committed rows it finds, in the
 *       order it finds them. Numbers are handed out only to committed rows, so a reader that
 *       follows them never skips a transaction that committed late, which identity order
 *       alone would.</li>
 *   <li><b>Dispatch.</b> Every {@link DurableConsumer} is handed the events after its saved
 *       position, in order; its position moves on after each batch. After a crash the batch in
 *       flight is handed over again, which is why consumers are idempotent.</li>
 *   <li><b>Prune.</b> Rows every consumer has passed, and older than the feed's retention
 *       ({@code cpm.events.retention-hours}) when the operator's feed is on, are deleted.</li>
 * </ol>
 *
 * <p>The outbox is on when at least one durable consumer is deployed or the operator's event feed
 * is switched on ({@code cpm.events.feed.enabled}); otherwise no event is written at all, and a
 * message costs nothing for events nobody reads.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before this bean touches the database
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class EventOutbox {

    private static final Logger LOG = Logger.getLogger(EventOutbox.class.getName());
    private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));

    static final String SEQUENCER = "#sequencer";
    /** Rows numbered in one sequencer transaction. */
    static final int SEQUENCE_BATCH = 1000;
    /** Events handed to one consumer between two saves of its position. */
    static final int DISPATCH_BATCH = 200;
    /** Rows deleted in one pruning transaction. */
    static final int PRUNE_BATCH = 2000;
    static final Duration IDLE_POLL = Duration.ofMillis(250);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** How long the pump rests after the database failed it. */
    static final Duration DATABASE_PAUSE = Duration.ofSeconds(5);
    static final int MAX_NAME = 128;

    private static final String INSERT = "insert into cpm_event (event_id, kind, occurred_at, payload) values (?,?,?,?)";

    @Resource(lookup = "jdbc/cpm")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @Any
    Instance<DurableConsumer> deployed;

    @Inject
    @ConfigProperty(name = "cpm.events.feed.enabled", defaultValue = "false")
    boolean feed;

    @Inject
    @ConfigProperty(name = "cpm.events.retention-hours", defaultValue = "24")
    long retentionHours;

    Clock clock = Clock.systemUTC();

    private final List<DurableConsumer> consumers = new ArrayList<>();
    private final Map<String, Backoff> backoffs = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private volatile boolean enabled;
    private Thread pump;
    private Instant nextPrune = Instant.EPOCH;

    /** One event as the outbox numbered it. */
    public record Sequenced(long seq, String kind, Instant at, String payload) {

        public MessageEvent event() {
            return EventCodec.decode(payload);
        }
    }

    /** A consumer's position after failures: when it may try again. */
    private record Backoff(int failures, Instant retryAt) {
    }

    @PostConstruct
    void start() {
        if (deployed != null) {
            deployed.forEach(this::register);
        }
        enabled = feed || !consumers.isEmpty();
        LOG.info("event outbox: " + consumers.size() + " durable consumer(s), operator feed "
                + (feed ? "on (retention " + retentionHours + " h)" : "off")
                + (enabled ? "" : "; no event is written"));
        if (enabled) {
            launch();
        }
    }

    /** A consumer added by hand (tests); the container finds the deployed ones. */
    void register(DurableConsumer consumer) {
        String name = consumer.name();
        if (name == null || name.isEmpty() || name.length() > MAX_NAME || name.startsWith("#")) {
            throw new IllegalStateException("durable consumer " + consumer.getClass().getName() + ": its name must have 1 to "
                    + MAX_NAME + " characters and not start with '#' (" + name + ")");
        }
        if (consumers.stream().anyMatch(c -> c.name().equals(name))) {
            throw new IllegalStateException("two durable consumers are named " + name + ": each needs a position of its own");
        }
        consumers.add(consumer);
        enabled = true;
    }

    private void launch() {
        running = true;
        pump = threads == null ? new Thread(this::pumpLoop) : threads.newThread(this::pumpLoop);
        pump.setName("cpm-event-outbox");
        pump.setDaemon(true);
        pump.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        wake();
        if (pump != null) {
            try {
                pump.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether events are written at all: a durable consumer is deployed, or the feed is on. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether the operator's event feed is on. */
    public boolean feedEnabled() {
        return feed;
    }

    /**
     * Inserts events in the caller's transaction on {@code c} (autocommit off; the caller commits).
     * Static, so the caller's connection never crosses a container boundary (a local transaction
     * handed through an EJB call may be rolled back by the container). Call {@link #wake()} after
     * the commit so the events go out at once.
     */
    public static void write(Connection c, List<MessageEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (MessageEvent event : events) {
                insert.setString(1, event.eventId());
                insert.setString(2, EventCodec.kind(event));
                insert.setTimestamp(3, Timestamp.from(event.at()), (Calendar) UTC.clone());
                insert.setString(4, EventCodec.encode(event));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Inserts a step's events in the caller's JTA transaction: they exist exactly when that transaction commits. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void append(List<MessageEvent> events) {
        if (!enabled || events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            write(c, events);
        } catch (SQLException e) {
            throw new IllegalStateException("event outbox: " + e.getMessage(), e);
        }
    }

    /** New events were committed: sequence and dispatch now rather than at the next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code limit} numbered events after {@code after}, oldest first (the operator's feed). */
    public List<Sequenced> read(long after, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return read(c, after, limit);
        } catch (SQLException e) {
            throw new IllegalStateException("event outbox: " + e.getMessage(), e);
        }
    }

    /** The number the next event will get, less one: where a new reader starts to see only new events. */
    public long lastSequenced() {
        try (Connection c = dataSource.getConnection()) {
            return cursorAt(c, SEQUENCER);
        } catch (SQLException e) {
            throw new IllegalStateException("event outbox: " + e.getMessage(), e);
        }
    }

    private void pumpLoop() {
        int databaseFailures = 0;
        while (running) {
            boolean busy = false;
            boolean failed = false;
            try {
                busy = sequence() > 0;
            } catch (SQLException | RuntimeException e) {
                failed = true;
                report("numbering events", e, databaseFailures);
            }
            for (DurableConsumer consumer : consumers) {
                try {
                    busy |= dispatch(consumer) == DISPATCH_BATCH;
                } catch (SQLException | RuntimeException e) {
                    failed = true;
                    report("handing events to " + consumer.name(), e, databaseFailures);
                } catch (Error e) {
                    LOG.log(Level.SEVERE, "event consumer " + consumer.name() + " failed hard", e);
                }
            }
            if (!clock.instant().isBefore(nextPrune)) {
                try {
                    prune();
                    nextPrune = clock.instant().plusSeconds(60);
                } catch (SQLException | RuntimeException e) {
                    failed = true;
                    report("pruning events", e, databaseFailures);
                }
            }
            databaseFailures = failed ? databaseFailures + 1 : 0;
            rest(failed ? DATABASE_PAUSE : busy ? Duration.ZERO : IDLE_POLL);
        }
    }

    /** Logs a database failure once in full, then a line every minute or so while it lasts. */
    private static void report(String what, Exception e, int failuresBefore) {
        if (failuresBefore == 0) {
            LOG.log(Level.WARNING, "event outbox: " + what + ": " + e.getMessage(), e);
        } else if (failuresBefore % 12 == 0) {
            LOG.warning("event outbox: " + what + " still fails: " + e.getMessage());
        }
    }

    private void rest(Duration pause) {
        if (pause.isZero()) {
            return;
        }
        lock.lock();
        try {
            if (!woken && running) {
                work.await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** Numbers the committed unnumbered rows, in one transaction; returns how many. */
    int sequence() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long last = lockCursor(c, SEQUENCER);
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement q = c.prepareStatement("select id from cpm_event where seq is null order by id")) {
                    q.setMaxRows(SEQUENCE_BATCH);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return 0;
                }
                try (PreparedStatement number = c.prepareStatement("update cpm_event set seq = ? where id = ?")) {
                    for (long id : ids) {
                        number.setLong(1, ++last);
                        number.setLong(2, id);
                        number.addBatch();
                    }
                    number.executeBatch();
                }
                saveCursor(c, SEQUENCER, last);
                c.commit();
                return ids.size();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Hands one consumer the next batch after its position; returns how many it took. */
    int dispatch(DurableConsumer consumer) throws SQLException {
        Backoff backoff = backoffs.get(consumer.name());
        if (backoff != null && clock.instant().isBefore(backoff.retryAt())) {
            return 0;
        }
        try (Connection c = dataSource.getConnection()) {
            position(c, consumer.name()); // a first-time consumer gets its row
            c.setAutoCommit(false);
            try {
                // the row lock is held until the new position is saved: on nodes that share the
                // database, one of them at a time hands a consumer its next batch
                long position = lockCursor(c, consumer.name());
                List<Sequenced> batch = read(c, position, DISPATCH_BATCH);
                long done = position;
                int taken = 0;
                for (Sequenced s : batch) {
                    try {
                        consumer.accept(s.event());
                    } catch (Exception e) {
                        int failures = backoff == null ? 1 : backoff.failures() + 1;
                        Duration wait = Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 10)));
                        backoffs.put(consumer.name(), new Backoff(failures, clock.instant().plus(wait)));
                        LOG.log(Level.WARNING, "event consumer " + consumer.name() + " failed on event " + s.seq() + " ("
                                + failures + " time(s)); retried in " + wait.toMillis() + " ms", e);
                        break;
                    }
                    backoffs.remove(consumer.name());
                    backoff = null;
                    done = s.seq();
                    taken++;
                }
                if (done > position) {
                    saveCursor(c, consumer.name(), done);
                }
                c.commit();
                return taken;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Where a consumer stands; a consumer seen for the first time starts at the oldest event kept. */
    private long position(Connection c, String name) throws SQLException {
        OptionalLong at = cursorRow(c, name);
        if (at.isPresent()) {
            return at.getAsLong();
        }
        try (PreparedStatement insert = c.prepareStatement(
                "insert into cpm_event_cursor (name, last_seq, updated_at) values (?, 0, ?)")) {
            insert.setString(1, name);
            insert.setTimestamp(2, Timestamp.from(clock.instant()), (Calendar) UTC.clone());
            insert.executeUpdate();
        } catch (SQLException raced) {
            // another node added it first: its row is as good
        }
        return 0;
    }

    /** Takes the cursor row's write lock for this transaction and returns its position. */
    private long lockCursor(Connection c, String name) throws SQLException {
        try (PreparedStatement touch = c.prepareStatement("update cpm_event_cursor set updated_at = ? where name = ?")) {
            touch.setTimestamp(1, Timestamp.from(clock.instant()), (Calendar) UTC.clone());
            touch.setString(2, name);
            if (touch.executeUpdate() == 0) {
                throw new SQLException("event outbox: no cursor row " + name);
            }
        }
        return cursorRow(c, name).orElseThrow();
    }

    private static long cursorAt(Connection c, String name) throws SQLException {
        return cursorRow(c, name).orElse(0);
    }

    /** The position saved under {@code name}, if it has a row. */
    private static OptionalLong cursorRow(Connection c, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select last_seq from cpm_event_cursor where name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    private static void saveCursor(Connection c, String name, long seq) throws SQLException {
        try (PreparedStatement save = c.prepareStatement(
                "update cpm_event_cursor set last_seq = ? where name = ? and last_seq < ?")) {
            save.setLong(1, seq);
            save.setString(2, name);
            save.setLong(3, seq);
            save.executeUpdate();
        }
    }

    /**
     * Numbered events after {@code after}, oldest first. The range is closed above by the last
     * number handed out, so the scan never reaches the unnumbered rows of open transactions (on
     * Derby it would wait for their locks).
     */
    private static List<Sequenced> read(Connection c, long after, int limit) throws SQLException {
        long last = cursorAt(c, SEQUENCER);
        List<Sequenced> events = new ArrayList<>();
        if (last <= after) {
            return events;
        }
        try (PreparedStatement q = c.prepareStatement("select seq, kind, occurred_at, payload from cpm_event"
                + " where seq > ? and seq <= ? order by seq fetch first " + limit + " rows only")) {
            q.setLong(1, after);
            q.setLong(2, last);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    events.add(new Sequenced(rs.getLong(1), rs.getString(2),
                            rs.getTimestamp(3, (Calendar) UTC.clone()).toInstant(), rs.getString(4)));
                }
            }
        }
        return events;
    }

    /**
     * Deletes what nobody needs any more: numbered rows every consumer has passed and, while the
     * feed is on, older than its retention. Returns how many rows went.
     */
    int prune() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            for (DurableConsumer consumer : consumers) {
                position(c, consumer.name()); // a consumer that has not read yet holds the start
            }
            // every position counts, this node's consumers or another's: nodes that share the
            // database may deploy different consumers (during an upgrade, say)
            long upTo;
            try (PreparedStatement q = c.prepareStatement("select min(last_seq) from cpm_event_cursor");
                    ResultSet rs = q.executeQuery()) {
                rs.next();
                upTo = rs.getLong(1);
            }
            Instant cutoff = feed ? clock.instant().minus(Duration.ofHours(retentionHours)) : clock.instant();
            long from;
            try (PreparedStatement q = c.prepareStatement("select min(seq) from cpm_event where seq is not null");
                    ResultSet rs = q.executeQuery()) {
                rs.next();
                from = rs.getLong(1);
                if (rs.wasNull()) {
                    return 0;
                }
            }
            int removed = 0;
            // in slices of numbers, oldest first, so no one statement locks a large part of the table
            try (PreparedStatement delete = c.prepareStatement(
                    "delete from cpm_event where seq >= ? and seq <= ? and occurred_at < ?")) {
                while (from <= upTo && !Thread.currentThread().isInterrupted()) {
                    long to = Math.min(upTo, from + PRUNE_BATCH - 1);
                    delete.setLong(1, from);
                    delete.setLong(2, to);
                    delete.setTimestamp(3, Timestamp.from(cutoff), (Calendar) UTC.clone());
                    int round = delete.executeUpdate();
                    removed += round;
                    if (round < to - from + 1) {
                        break; // the rest of the slice is younger than the cutoff: so is everything after it
                    }
                    from = to + 1;
                }
            }
            return removed;
        }
    }
}
