package org.cpmserver.journal;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.enterprise.context.ApplicationScoped;

/**
 * Durable record of accepted messages, written off the signalling thread with group commit:
 * callers queue entries here, and the {@link JournalWriter} drains whatever has queued up (up to
 * {@value #MAX_BATCH} entries) into one JDBC batch and one commit, then completes the futures of
 * the entries in it. A SIP response that promises delivery or storage waits for that future, so
 * no message is ever answered 200 or 202 without being on disk, while the database sees one
 * commit per batch instead of one per message.
 *
 * <p>Entries nobody waits for (a device's outcome) do not force a commit of their own: they wait
 * up to {@value JournalWriter#LINGER_MILLIS} ms for an entry someone waits for and share its commit. Under a
 * steady load that halves the commits (each message's delivery rides with a later message), at
 * the price of a device outcome, and its {@code delivered} event, becoming durable up to that
 * much later.
 *
 * <p>A plain CDI bean, not an EJB: every message calls it two or three times on the signalling
 * thread (record, its device's outcome, the overload guard's backlog), and the pager profile of
 * 2026-12-05 showed the EJB container's invocation around those calls.
 */
@ApplicationScoped
public class MessageJournal {

    static final int MAX_BATCH = 500;
    static final int QUEUE_CAPACITY = 50_000;

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean open;

    /** An entry on its way to the database, and who waits for it. */
    static final class Pending {
        final JournalEntry entry;
        final CompletableFuture<Void> committed;
        boolean claimWon;

        Pending(JournalEntry entry, CompletableFuture<Void> committed) {
            this.entry = entry;
            this.committed = committed;
        }
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
        if (!open || !queue.offer(pending)) {
            failed.incrementAndGet();
            pending.committed.completeExceptionally(new JournalUnavailable(open
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

    // ----- the writer's side -----

    /** The writer runs: entries are taken from now on. */
    void open() {
        open = true;
    }

    /** The writer stops: new entries fail at once; those already queued are still written. */
    void close() {
        open = false;
    }

    boolean isOpen() {
        return open;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** The next entry, waiting at most this long; null when none came. */
    Pending poll(long timeout, TimeUnit unit) throws InterruptedException {
        return queue.poll(timeout, unit);
    }

    /** Moves what is queued into the batch, up to {@link #MAX_BATCH} entries in all. */
    void drainTo(List<Pending> batch) {
        queue.drainTo(batch, MAX_BATCH - batch.size());
    }

    void committed(List<Pending> batch) {
        written.addAndGet(batch.size());
        batch.forEach(p -> p.committed.complete(null));
    }

    void notCommitted(List<Pending> batch, Throwable failure) {
        failed.addAndGet(batch.size());
        batch.forEach(p -> p.committed.completeExceptionally(failure));
    }

    /** After the writer stopped: fails whatever it could not take. */
    void abandon() {
        Pending p;
        while ((p = queue.poll()) != null) {
            failed.incrementAndGet();
            p.committed.completeExceptionally(new JournalUnavailable("message journal stopped"));
        }
    }
}
