package org.cpmserver.journal;


import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.cpmserver.message.Messages;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.testing.MigratedDerby;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The journal's group commit on a real database (in-memory Derby, migrated by the release's
 * Flyway scripts): a message is on disk when its future completes; a device's outcome, which
 * nobody waits for, shares the commit of the next message, or is written on its own once the
 * linger is over; stopping writes what was queued and refuses what comes after.
 */
class JournalWriterTest {

    private static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");
    private static final SipAddress BOB = SipAddress.parse("sip:bob@example.com");

    EmbeddedDataSource db;
    final AtomicInteger commits = new AtomicInteger();
    /** Thrown by the next commits instead of committing (the connection then rolls back). */
    final java.util.Deque<SQLException> failingCommits = new java.util.concurrent.ConcurrentLinkedDeque<>();
    final MessageJournal journal = new MessageJournal();
    JournalWriter writer;

    @BeforeEach
    void database() {
        db = MigratedDerby.create("journal");
    }

    private void startWriter(long lingerMillis) {
        writer = new JournalWriter();
        writer.dataSource = countingCommits(db);
        writer.threads = Thread::new;
        writer.journal = journal;
        writer.lingerMillis = lingerMillis;
        writer.start();
    }

    @AfterEach
    void stopWriter() {
        if (writer != null) {
            writer.stop();
        }
    }

    @Test
    void aMessageIsOnDiskWhenItsFutureCompletes() throws Exception {
        startWriter(JournalWriter.LINGER_MILLIS);
        String id = UUID.randomUUID().toString();
        journal.record(new JournalEntry.Message(id, BOB, Messages.text(ALICE, "hello"))).get(10, TimeUnit.SECONDS);
        assertEquals(1, rows("cpm_message", "id", id));
        assertEquals(1, journal.written());
    }

    @Test
    void aDeviceOutcomeSharesTheCommitOfTheNextMessage() throws Exception {
        startWriter(5_000); // long enough that the message surely comes within it
        String message = UUID.randomUUID().toString();
        journal.record(delivery(message));
        journal.record(new JournalEntry.Message(message, BOB, Messages.text(ALICE, "hello"))).get(10, TimeUnit.SECONDS);
        assertEquals(1, rows("cpm_message_delivery", "message_id", message), "written with the message");
        assertEquals(1, commits.get(), "one commit for both");
    }

    @Test
    void aDeviceOutcomeAloneIsWrittenOnceTheLingerIsOver() throws Exception {
        startWriter(50);
        String message = UUID.randomUUID().toString();
        journal.record(delivery(message));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (rows("cpm_message_delivery", "message_id", message) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, rows("cpm_message_delivery", "message_id", message));
        assertEquals(1, commits.get());
    }

    @Test
    void stoppingWritesWhatWasQueuedAndRefusesWhatComesAfter() throws Exception {
        startWriter(JournalWriter.LINGER_MILLIS);
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(journal.record(new JournalEntry.Message(UUID.randomUUID().toString(), BOB,
                    Messages.text(ALICE, "message " + i))));
        }
        writer.stop();
        writer = null;
        for (CompletableFuture<Void> f : queued) {
            assertTrue(f.isDone() && !f.isCompletedExceptionally(), "every queued message was written");
        }
        assertEquals(200, count("cpm_message"));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> journal.record(
                new JournalEntry.Message(UUID.randomUUID().toString(), BOB, Messages.text(ALICE, "late"))).get());
        assertTrue(refused.getCause() instanceof JournalUnavailable);
        assertEquals(1, journal.failed());
    }

    @Test
    void aBatchTheDatabaseRolledBackOnItsOwnIsWrittenAgain() throws Exception {
        startWriter(JournalWriter.LINGER_MILLIS);
        // what Derby throws when the identity of cpm_event is contended (SequenceUpdater), and a deadlock
        failingCommits.add(new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1"));
        failingCommits.add(new SQLException("deadlock", "40001"));
        String id = UUID.randomUUID().toString();
        journal.record(new JournalEntry.Message(id, BOB, Messages.text(ALICE, "hello"))).get(10, TimeUnit.SECONDS);
        assertEquals(1, rows("cpm_message", "id", id), "written once, by the third attempt");
        assertEquals(3, commits.get());
        assertEquals(0, journal.failed());
    }

    @Test
    void aBatchIsNotTriedMoreThanItsAttemptsNorAfterAnotherFailure() throws Exception {
        startWriter(JournalWriter.LINGER_MILLIS);
        for (int i = 0; i < JournalWriter.ATTEMPTS; i++) {
            failingCommits.add(new java.sql.SQLTransactionRollbackException("A lock could not be obtained", "40XL1"));
        }
        ExecutionException contended = assertThrows(ExecutionException.class, () -> journal.record(
                new JournalEntry.Message(UUID.randomUUID().toString(), BOB, Messages.text(ALICE, "one"))).get(10, TimeUnit.SECONDS));
        assertTrue(contended.getCause() instanceof JournalUnavailable);
        assertEquals(JournalWriter.ATTEMPTS, commits.get());

        failingCommits.add(new SQLException("the disk is full", "XSDG1"));
        String id = UUID.randomUUID().toString();
        ExecutionException full = assertThrows(ExecutionException.class, () -> journal.record(
                new JournalEntry.Message(id, BOB, Messages.text(ALICE, "two"))).get(10, TimeUnit.SECONDS));
        assertTrue(full.getCause() instanceof JournalUnavailable);
        assertEquals(JournalWriter.ATTEMPTS + 1, commits.get(), "not tried again");
        assertEquals(0, rows("cpm_message", "id", id));
    }

    private static JournalEntry.Delivery delivery(String messageId) {
        return new JournalEntry.Delivery(UUID.randomUUID().toString(), messageId, "urn:uuid:phone", 200, null, Instant.now());
    }

    private int rows(String table, String column, String value) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " where " + column + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private int count(String table) throws SQLException {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The data source, with every commit of its connections counted. */
    private DataSource countingCommits(DataSource target) {
        ClassLoader loader = getClass().getClassLoader();
        return (DataSource) Proxy.newProxyInstance(loader, new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if (!method.getName().equals("getConnection")) {
                return result;
            }
            Connection connection = (Connection) result;
            return Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, (p, m, a) -> {
                if (m.getName().equals("commit")) {
                    commits.incrementAndGet();
                    SQLException failure = failingCommits.poll();
                    if (failure != null) {
                        throw failure;
                    }
                }
                return invoke(connection, m, a);
            });
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
