package org.cpmserver.sip;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.journal.MessageJournal;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Gauge;
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
 * <p>Three signals, each with its own limit:
 * <ul>
 * <li>deliveries in flight (sent to devices, not yet decided): by Little's law this grows with
 * latency, so it rises as soon as the node falls behind, whether the devices, the CPU or the
 * container's queues are the bottleneck;</li>
 * <li>the message journal's backlog: the database falls behind, and every 200 waits for it;</li>
 * <li>an optional rate cap in messages per second (token bucket), for operators who dimension
 * each node explicitly; it counts authenticated messages, not challenges, and while it is
 * exhausted a MESSAGE without credentials is refused before it is challenged.</li>
 * </ul>
 */
@ApplicationScoped
public class OverloadGuard {

    private static final Metadata IN_FLIGHT = Metadata.builder().withName("cpm_pager_deliveries_in_flight")
            .withDescription("Pager deliveries sent to devices and not yet decided").withType(MetricType.GAUGE).build();

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

    private final AtomicInteger inFlight = new AtomicInteger();
    private TokenBucket bucket;

    @PostConstruct
    void start() {
        registry.register(IN_FLIGHT, (Gauge<Integer>) inFlight::get);
        bucket = maxMessageRate > 0 ? new TokenBucket(maxMessageRate, System.nanoTime()) : null;
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
        return Optional.empty();
    }

    /**
     * The node's rate cap, taken once per message that is about to be routed: after the
     * sender is authenticated, so that a challenge (407) does not count, and the work already
     * spent on the challenge is not thrown away by shedding its authenticated retry.
     */
    public Optional<String> rateRefusal() {
        if (bucket != null && !bucket.take(System.nanoTime())) {
            return Optional.of("Service Unavailable: over the node's rate of " + maxMessageRate + " messages/s");
        }
        return Optional.empty();
    }

    /**
     * The rate cap for a MESSAGE that carries no credentials yet, checked before it is
     * challenged: when the bucket is already empty, its authenticated retry would be shed anyway,
     * so the 407 (a nonce, a response, a second transaction) is not spent on it. Takes no token:
     * only authenticated messages count ({@link #rateRefusal()}), so retries that carry
     * credentials are preferred over new attempts while the node is at its cap.
     */
    public Optional<String> rateRefusalBeforeChallenge() {
        if (bucket != null && !bucket.available(System.nanoTime())) {
            return Optional.of("Service Unavailable: over the node's rate of " + maxMessageRate + " messages/s");
        }
        return Optional.empty();
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
