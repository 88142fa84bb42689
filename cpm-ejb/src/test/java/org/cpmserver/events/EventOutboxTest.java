package org.cpmserver.events;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.cpmserver.message.Messages;
import org.cpmserver.message.Refusal;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.testing.MigratedDerby;
import org.cpmserver.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outbox on a real database (in-memory Derby, migrated by the release's Flyway scripts): an
 * event exists exactly when its step's transaction committed, every consumer is handed every
 * committed event in order, at least once, across failures and restarts, and pruning keeps what
 * a consumer has not read.
 */
class EventOutboxTest {

    private static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");
    private static final SipAddress BOB = SipAddress.parse("sip:bob@example.com");

    EmbeddedDataSource db;
    MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));

    @BeforeEach
    void database() {
        db = MigratedDerby.create("outbox");
    }

    private EventOutbox outbox(DurableConsumer... consumers) {
        EventOutbox outbox = new EventOutbox();
        outbox.dataSource = db;
        outbox.clock = clock;
        outbox.retentionHours = 24;
        for (DurableConsumer c : consumers) {
            outbox.register(c);
        }
        return outbox;
    }

    private static MessageEvent accepted(String text) {
        return new MessageEvent.Accepted(UUID.randomUUID().toString(), "rec-" + text, Messages.text(ALICE, text), BOB,
                Instant.parse("2026-12-05T09:59:00Z"));
    }

    /** Writes events in one transaction, as the journal does, and commits or rolls back. */
    private void step(boolean commit, MessageEvent... events) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            EventOutbox.write(c, List.of(events));
            if (commit) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    @Test
    void aConsumerIsHandedEveryCommittedEventInOrderAndNothingOfARolledBackStep() throws Exception {
        Recorder history = new Recorder("history");
        EventOutbox outbox = outbox(history);
        MessageEvent one = accepted("one");
        MessageEvent two = accepted("two");
        MessageEvent three = accepted("three");
        step(true, one, two);
        step(false, accepted("rolled back"));
        step(true, three);

        assertEquals(3, outbox.sequence());
        assertEquals(3, outbox.dispatch(history));
        assertEquals(List.of(one.eventId(), two.eventId(), three.eventId()), history.ids());
        assertEquals(0, outbox.dispatch(history), "nothing is handed over twice in a healthy run");
        assertEquals(3, position(history.name()));
    }

    @Test
    void everyKindSurvivesTheTripThroughTheDatabaseUnchanged() throws Exception {
        Recorder history = new Recorder("history");
        EventOutbox outbox = outbox(history);
        Instant at = Instant.parse("2026-12-05T09:00:00Z");
        var message = Messages.text(ALICE, "héllo ✓");
        List<MessageEvent> all = List.of(
                new MessageEvent.Accepted("e1", "r", message, BOB, at),
                new MessageEvent.Delivered("e2", "r", message, BOB, "urn:uuid:phone", at),
                new MessageEvent.Deferred("e3", "r", message, BOB, at),
                new MessageEvent.Expired("e4", "r", message, BOB, at),
                new MessageEvent.Failed("e5", null, message, BOB, Refusal.of(Refusal.Reason.BLOCKED, "blocked"), at),
                new MessageEvent.Reported("e6", "r", message, BOB, at));
        step(true, all.toArray(new MessageEvent[0]));
        outbox.sequence();
        outbox.dispatch(history);
        assertEquals(all, history.events);
    }

    @Test
    void aStepThatCommitsWhileTheSequencerRunsIsNumberedToo() throws Exception {
        Recorder history = new Recorder("history");
        EventOutbox outbox = outbox(history);
        MessageEvent early = accepted("early, committed late");
        MessageEvent late = accepted("late, committed early");
        try (Connection slow = db.getConnection()) {
            slow.setAutoCommit(false);
            EventOutbox.write(slow, List.of(early));
            step(true, late);
            CompletableFuture<Integer> numbered = CompletableFuture.supplyAsync(() -> {
                try {
                    return outbox.sequence();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            slow.commit();
            int first = numbered.get(30, TimeUnit.SECONDS);
            int rest = outbox.sequence();
            assertEquals(2, first + rest);
        }
        outbox.dispatch(history);
        assertEquals(Set.of(early.eventId(), late.eventId()), Set.copyOf(history.ids()));
    }

    @Test
    void consumersAndTheFeedReadWhatIsNumberedWithoutWaitingForOpenSteps() throws Exception {
        Recorder history = new Recorder("history");
        EventOutbox outbox = outbox(history);
        MessageEvent done = accepted("done");
        step(true, done);
        outbox.sequence();
        try (Connection open = db.getConnection()) {
            open.setAutoCommit(false);
            EventOutbox.write(open, List.of(accepted("still open"))); // its row stays locked until the end
            CompletableFuture<Integer> dispatched = CompletableFuture.supplyAsync(() -> {
                try {
                    return outbox.dispatch(history);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(1, dispatched.get(10, TimeUnit.SECONDS), "not held up by the open step's locked row");
            assertEquals(1, CompletableFuture.supplyAsync(() -> outbox.read(0, 10).size()).get(10, TimeUnit.SECONDS));
            open.rollback();
        }
        assertEquals(List.of(done.eventId()), history.ids());
    }

    @Test
    void aFailingConsumerIsOfferedTheSameEventAgainAndNothingAfterItMeanwhile() throws Exception {
        Recorder history = new Recorder("history");
        MessageEvent one = accepted("one");
        MessageEvent two = accepted("two");
        MessageEvent three = accepted("three");
        history.failOn = two.eventId();
        EventOutbox outbox = outbox(history);
        step(true, one, two, three);
        outbox.sequence();

        assertEquals(1, outbox.dispatch(history));
        assertEquals(List.of(one.eventId()), history.ids());
        assertEquals(0, outbox.dispatch(history), "it waits before trying again");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, outbox.dispatch(history));
        assertEquals(List.of(one.eventId(), two.eventId(), three.eventId()), history.ids());
        assertEquals(2, history.attempts.stream().filter(two.eventId()::equals).count());
    }

    @Test
    void aRestartedServerResumesEachConsumerWhereItStoppedAndTheFeedSeesEverything() throws Exception {
        Recorder before = new Recorder("history");
        EventOutbox first = outbox(before);
        step(true, accepted("one"), accepted("two"));
        first.sequence();
        first.dispatch(before);

        MessageEvent three = accepted("three");
        step(true, three);
        Recorder after = new Recorder("history");
        Recorder webhook = new Recorder("webhook");
        EventOutbox second = outbox(after, webhook);
        second.sequence();
        second.dispatch(after);
        second.dispatch(webhook);
        assertEquals(List.of(three.eventId()), after.ids(), "the same consumer resumes after what it took");
        assertEquals(3, webhook.ids().size(), "a new consumer starts at the oldest event kept");
        assertEquals(List.of(1L, 2L, 3L), second.read(0, 10).stream().map(EventOutbox.Sequenced::seq).toList());
        assertEquals(3, second.lastSequenced());
    }

    @Test
    void pruningKeepsWhatAnyConsumerHasNotReadAndWhatTheFeedStillShows() throws Exception {
        Recorder fast = new Recorder("fast");
        Recorder slow = new Recorder("slow");
        EventOutbox outbox = outbox(fast, slow);
        step(true, accepted("one"), accepted("two"), accepted("three"));
        outbox.sequence();
        outbox.dispatch(fast);
        assertEquals(0, outbox.prune(), "the slow consumer has read nothing yet");
        outbox.dispatch(slow);
        assertEquals(3, outbox.prune());
        assertEquals(0, rows());

        EventOutbox withFeed = outbox(fast, slow);
        withFeed.feed = true;
        step(true, accepted("four"));
        withFeed.sequence();
        withFeed.dispatch(fast);
        withFeed.dispatch(slow);
        assertEquals(0, withFeed.prune(), "the feed keeps a day");
        clock.advance(Duration.ofHours(25));
        assertEquals(1, withFeed.prune());
    }

    @Test
    void aConsumerDeployedOnlyOnAnotherNodeHoldsPruningBackToo() throws Exception {
        Recorder here = new Recorder("here");
        outbox(new Recorder("elsewhere")).prune(); // another node registers its consumer's position
        EventOutbox outbox = outbox(here);
        step(true, accepted("one"), accepted("two"));
        outbox.sequence();
        outbox.dispatch(here);
        assertEquals(0, outbox.prune(), "'elsewhere' has read nothing yet");
        assertEquals(2, rows());
    }

    @Test
    void consumerNamesAreCheckedWhenTheyAreDeployed() {
        EventOutbox outbox = outbox(new Recorder("history"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> outbox.register(new Recorder("history")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> outbox.register(new Recorder("#sequencer")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> outbox.register(new Recorder("x".repeat(129))));
    }

    private long position(String consumer) throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("select last_seq from cpm_event_cursor where name = ?")) {
            q.setString(1, consumer);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                return rs.getLong(1);
            }
        }
    }

    private int rows() throws SQLException {
        try (Connection c = db.getConnection();
                PreparedStatement q = c.prepareStatement("select count(*) from cpm_event");
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A consumer that keeps what it was handed, and fails once on one event when told to. */
    static final class Recorder implements DurableConsumer {
        final String name;
        final List<MessageEvent> events = new ArrayList<>();
        final List<String> attempts = new ArrayList<>();
        String failOn;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void accept(MessageEvent event) {
            attempts.add(event.eventId());
            if (event.eventId().equals(failOn)) {
                failOn = null;
                throw new IllegalStateException("history store down");
            }
            events.add(event);
        }

        List<String> ids() {
            return events.stream().map(MessageEvent::eventId).toList();
        }
    }
}
