package org.cpmserver.sip;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.context.Initialized;
import javax.enterprise.event.Observes;
import javax.inject.Inject;
import javax.servlet.sip.SipServletRequest;
import org.cpmserver.journal.MessageJournal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricType;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/**
 * Admission control for pager traffic. Past what this node can finish in time a new MESSAGE is
 * refused at once with 503 and {@code Retry-After} (RFC 3261 §21.5.4), which costs a fraction of
 * handling it, instead of being queued until the sender's transaction times out. An S-CSCF or
 * client then retries later or elsewhere, and the node recovers as soon as the load drops.
 *
 * <p>Four signals, each with its own limit:
 * <ul>
 * <li>how long the MESSAGE waited in the container's queues before it reached the application:
 * when the CPU is the bottleneck, this grows before anything else does, and a sender whose
 * answer comes after its retransmission timer (T1, 500 ms) sends the request again, which
 * doubles the load just when there is no room for it. Once waits have stayed over the target
 * for an interval (a standing queue, not a burst: {@link QueueDelayGate}), a MESSAGE that
 * waited too long is refused at once, which is cheap, so the queue drains and the requests
 * behind it are answered in time. A MESSAGE that would be challenged (new work) gets half the
 * budget of one that carries credentials (a retry whose 407 was already paid for);</li>
 * <li>deliveries in flight (sent to devices, not yet decided): by Little's law this grows with
 * latency, so it rises as soon as the node falls behind, whether the devices, the CPU or the
 * container's queues are the bottleneck;</li>
 * <li>how late devices' answers reach the application: Liberty stamps a request's arrival after
 * the SIP stack's own queue and the socket buffer, so when the stack itself falls behind (a cold
 * JVM whose compiler takes half the CPU) requests wait there unmeasured, and senders time out
 * although the queue-delay signal looks fine. A device's answer to a MESSAGE this node sent
 * queues behind the same backlog ({@link AnswerDelayGate});</li>
 * <li>the message journal's backlog: the database falls behind, and every 200 waits for it;</li>
 * <li>an optional rate cap in messages per second (token bucket), for operators who dimension
 * each node explicitly; it counts authenticated messages, not challenges. Challenges are paced
 * at the same rate, and while the cap is exhausted a MESSAGE without credentials is refused
 * before it is challenged, so no 407 is spent on a message whose retry would be shed.</li>
 * </ul>
 */
@ApplicationScoped
public class OverloadGuard {

    private static final Metadata IN_FLIGHT = Metadata.builder().withName("cpm_pager_deliveries_in_flight")
            .withDescription("Pager deliveries sent to devices and not yet decided").withType(MetricType.GAUGE).build();

    private static final Metadata QUEUE_DELAY = Metadata.builder().withName("cpm_pager_queue_delay_ms")
            .withDescription("How long each MESSAGE waited in the SIP container's queues before the application saw it, ms")
            .withType(MetricType.HISTOGRAM).build();

    @Inject
    MessageJournal journal;

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "cpm.overload.max-in-flight", defaultValue = "2000")
    int maxInFlight;

    @Inject
    @ConfigProperty(name = "cpm.overload.max-journal-backlog", defaultValue = "10000")
    int maxJournalBacklog;

    @Inject
    @ConfigProperty(name = "cpm.overload.max-message-rate", defaultValue = "0")
    int maxMessageRate;

    @Inject
    @ConfigProperty(name = "cpm.overload.retry-after-seconds", defaultValue = "2")
    int retryAfterSeconds;

    @Inject
    @ConfigProperty(name = "cpm.overload.max-queue-delay-ms", defaultValue = "200")
    int maxQueueDelayMillis;

    @Inject
    @ConfigProperty(name = "cpm.overload.max-answer-delay-ms", defaultValue = "1000")
    int maxAnswerDelayMillis;

    /** The answer-delay gate's interval, and the answers an interval needs before they count. */
    static final long ANSWER_INTERVAL_MILLIS = 1000;
    static final int ANSWER_MIN_SAMPLES = 20;

    /** How long waits must stay over the target before they count as a standing queue (CoDel's interval). */
    static final long QUEUE_DELAY_INTERVAL_MILLIS = 100;

    private final AtomicInteger inFlight = new AtomicInteger();
    private Histogram queueDelay;
    private QueueDelayGate gate;
    private AnswerDelayGate answers;
    private RateCap cap;

    /** Created with the application, not on the first MESSAGE, so that its metrics exist from the start. */
    void eager(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // the call itself makes the container create the bean and run start()
    }

    @PostConstruct
    void start() {
        registry.register(IN_FLIGHT, (Gauge<Integer>) inFlight::get);
        queueDelay = registry.histogram(QUEUE_DELAY);
        gate = maxQueueDelayMillis > 0 ? new QueueDelayGate(maxQueueDelayMillis, QUEUE_DELAY_INTERVAL_MILLIS) : null;
        answers = maxAnswerDelayMillis > 0
                ? new AnswerDelayGate(maxAnswerDelayMillis, ANSWER_INTERVAL_MILLIS, ANSWER_MIN_SAMPLES) : null;
        cap = maxMessageRate > 0 ? new RateCap(maxMessageRate, System.nanoTime()) : null;
    }

    /**
     * Whether the node is in trouble: checked first thing for every MESSAGE, before any work.
     * Empty when it may be taken; otherwise the reason phrase of the 503.
     */
    public Optional<String> refusal() {
        int flying = inFlight.get();
        if (flying >= maxInFlight) {
            return Optional.of("Service Unavailable: overloaded (" + flying + " deliveries in progress)");
        }
        int backlog = journal.backlog();
        if (backlog >= maxJournalBacklog) {
            return Optional.of("Service Unavailable: overloaded (message journal " + backlog + " behind)");
        }
        if (answers != null) {
            long late = answers.refusal(System.currentTimeMillis());
            if (late > 0) {
                return Optional.of("Service Unavailable: overloaded (answers reach it " + late + " ms late)");
            }
        }
        return Optional.empty();
    }

    /**
     * A device accepted (2xx) a MESSAGE this node sent, and its answer reached the application
     * {@code millis} after it was sent. Refusals do not count: a 408 may be the container's own,
     * after Timer F, however empty the queues.
     */
    void deviceAnswered(long millis) {
        if (answers != null) {
            answers.answered(millis, System.currentTimeMillis());
        }
    }

    /**
     * The answer-delay decision. Each interval keeps the shortest time from sending a MESSAGE to
     * a device to seeing it accepted: one device that answers quickly is proof enough that
     * nothing queues in front of the application, and a slow or distant device can never make
     * the node shed. When an interval had at least {@code minSamples} answers and even the
     * quickest came later than the budget, a standing queue sits in the SIP stack, and during
     * the next interval three new messages in four are refused; the fourth goes on, so its
     * device's answer tells the interval after whether the queue has drained. Thread-safe.
     */
    static final class AnswerDelayGate {
        private final long budgetMillis;
        private final long intervalMillis;
        private final int minSamples;
        private long windowStart;
        private long windowMin = Long.MAX_VALUE;
        private int windowCount;
        /** The quickest answer of the last interval when it was over the budget, else 0. */
        private volatile long late;
        private volatile long windowEnd;
        private final AtomicLong admitted = new AtomicLong();

        AnswerDelayGate(long budgetMillis, long intervalMillis, int minSamples) {
            this.budgetMillis = budgetMillis;
            this.intervalMillis = intervalMillis;
            this.minSamples = minSamples;
        }

        synchronized void answered(long delayMillis, long nowMillis) {
            roll(nowMillis);
            windowCount++;
            windowMin = Math.min(windowMin, delayMillis);
        }

        /** 0 to take the message; otherwise how late the quickest answer of the last interval was. */
        long refusal(long nowMillis) {
            if (nowMillis >= windowEnd) {
                synchronized (this) {
                    roll(nowMillis);
                }
            }
            long l = late;
            if (l == 0 || admitted.incrementAndGet() % 4 == 0) {
                return 0;
            }
            return l;
        }

        private void roll(long nowMillis) {
            if (nowMillis < windowEnd) {
                return;
            }
            boolean adjacent = nowMillis - windowStart < 2 * intervalMillis;
            late = adjacent && windowCount >= minSamples && windowMin > budgetMillis ? windowMin : 0;
            windowStart = nowMillis;
            windowEnd = nowMillis + intervalMillis;
            windowMin = Long.MAX_VALUE;
            windowCount = 0;
        }
    }

    /**
     * Whether {@code request} waited too long in the container's queues to be worth the work
     * ({@link QueueDelayGate}); {@code challengeFirst} says it would be answered with a
     * challenge (new work, half the budget). Empty when the container did not stamp the arrival
     * time (the {@code sipContainer} attribute {@code msgArrivalTimeAttr} is off) or the budget
     * is 0. Every stamped wait goes to the histogram {@code cpm_pager_queue_delay_ms}.
     */
    public Optional<String> queueRefusal(SipServletRequest request, boolean challengeFirst) {
        if (!(request.getAttribute(ARRIVAL_ATTRIBUTE) instanceof Long arrival)) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        long waited = Math.max(0, now - arrival);
        queueDelay.update(waited);
        if (gate != null && gate.refuse(waited, challengeFirst, now)) {
            return Optional.of("Service Unavailable: overloaded (queued " + waited + " ms)");
        }
        return Optional.empty();
    }

    /** Set by Liberty's SIP container on every request when {@code msgArrivalTimeAttr} is on: epoch ms of arrival. */
    static final String ARRIVAL_ATTRIBUTE = "sip.message.arrival.time";

    /**
     * The queue-delay decision, after CoDel (RFC 8289): a wait over the target is only a reason
     * to refuse once waits have stayed over it for a whole interval. A burst (a GC pause, a
     * batch of retransmissions) leaves a queue that drains by itself within the interval, and
     * refusing its requests would only be false alarms; a standing queue means the node cannot
     * keep up, and from then on every request that waited too long is refused at once until
     * one comes through under the target. An episode also ends when no request has waited over
     * the target for an interval: a late request after a quiet spell starts a new one rather
     * than finding the gate still armed from an old burst.
     *
     * <p>The target is half the budget for new work (a MESSAGE that would be challenged) and the
     * whole budget for a retry whose 407 was already paid for. The standing queue is judged on
     * the new-work target. Races between threads only move the start of the interval by a
     * request or two. Thread-safe.
     */
    static final class QueueDelayGate {
        private final long budgetMillis;
        private final long intervalMillis;
        /** When waits first went over the new-work target, 0 while they are under it. */
        private final AtomicLong aboveSince = new AtomicLong();
        /** When a wait was last seen over the new-work target. */
        private final AtomicLong lastAbove = new AtomicLong();

        QueueDelayGate(long budgetMillis, long intervalMillis) {
            this.budgetMillis = budgetMillis;
            this.intervalMillis = intervalMillis;
        }

        boolean refuse(long waitedMillis, boolean challengeFirst, long nowMillis) {
            long target = budgetMillis / 2;
            if (waitedMillis <= target) {
                aboveSince.set(0);
                return false;
            }
            long previous = lastAbove.getAndSet(nowMillis);
            long since = aboveSince.get();
            if (since == 0 || nowMillis - previous > intervalMillis) {
                aboveSince.set(nowMillis); // a new episode: nothing over the target for an interval before it
                return false;
            }
            if (nowMillis - since < intervalMillis) {
                return false; // perhaps a burst: let the queue drain by itself
            }
            return challengeFirst || waitedMillis > budgetMillis;
        }
    }

    /**
     * The node's rate cap, taken once per message that is about to be routed: after the
     * sender is authenticated, so that a challenge (407) does not count, and the work already
     * spent on the challenge is not thrown away by shedding its authenticated retry.
     */
    public Optional<String> rateRefusal() {
        if (cap != null && !cap.take(System.nanoTime())) {
            return overRate();
        }
        return Optional.empty();
    }

    /**
     * The rate cap for a MESSAGE that carries no credentials yet, checked before it is
     * challenged. Challenges are paced at the cap's rate too: each 407 brings an authenticated
     * retry that will ask for a token, so issuing more challenges than the cap would only
     * spend a 407 (a nonce, a response, a second transaction) on retries that are then shed.
     * Refused as well while the cap itself is exhausted. Only authenticated messages take
     * the cap's tokens ({@link #rateRefusal()}), so retries that carry credentials are
     * preferred over new attempts while the node is at its cap.
     */
    public Optional<String> rateRefusalBeforeChallenge() {
        if (cap != null && !cap.mayChallenge(System.nanoTime())) {
            return overRate();
        }
        return Optional.empty();
    }

    private Optional<String> overRate() {
        return Optional.of("Service Unavailable: over the node's rate of " + maxMessageRate + " messages/s");
    }

    /** Seconds a refused sender should wait. */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    void deliveryStarted() {
        inFlight.incrementAndGet();
    }

    void deliveryDecided() {
        inFlight.decrementAndGet();
    }

    /**
     * The optional rate cap: authenticated messages take tokens at the configured rate, and
     * challenges are paced at the same rate by a bucket of their own, so that the retries they
     * bring find room.
     */
    static final class RateCap {
        private final TokenBucket messages;
        private final TokenBucket challenges;

        RateCap(int ratePerSecond, long now) {
            this.messages = new TokenBucket(ratePerSecond, now);
            this.challenges = new TokenBucket(ratePerSecond, now);
        }

        /** An authenticated message: takes a token, or is over the cap. */
        boolean take(long now) {
            return messages.take(now);
        }

        /** A message about to be challenged: refused while the cap is exhausted or challenges run ahead of it. */
        boolean mayChallenge(long now) {
            return messages.available(now) && challenges.take(now);
        }
    }

    /** Tokens refill at {@code rate} per second up to one tenth of a second's worth (at least one). */
    static final class TokenBucket {
        private final double ratePerNano;
        private final double capacity;
        private double tokens;
        private long last;

        TokenBucket(int ratePerSecond, long now) {
            this.ratePerNano = ratePerSecond / 1e9;
            this.capacity = Math.max(1.0, ratePerSecond / 10.0);
            this.tokens = capacity;
            this.last = now;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        }

        /** Whether a token is there, without taking it. */
        synchronized boolean available(long now) {
            refill(now);
            return tokens >= 1.0;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
            last = now;
        }
    }
}
