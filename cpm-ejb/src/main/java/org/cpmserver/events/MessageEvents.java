package org.cpmserver.events;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Event;
import javax.enterprise.inject.spi.BeanManager;
import javax.enterprise.inject.spi.ObserverMethod;
import javax.inject.Inject;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.Refusal;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;

/**
 * Publishes {@link MessageEvent}s, asynchronously (CDI {@code fireAsync}), so no consumer ever
 * runs on a signalling thread or slows a sender's answer. Functions call it once a step is
 * durable ({@link #afterCommit}); an event is never published for a step that was rolled back.
 *
 * <p>When no observer is deployed for message events, nothing is built or dispatched: at
 * thousands of messages a second, an event nobody reads should cost nothing.
 */
@ApplicationScoped
public class MessageEvents {

    private static final Logger LOG = Logger.getLogger(MessageEvents.class.getName());

    @Inject
    Event<MessageEvent> bus;

    @Inject
    BeanManager beans;

    Clock clock = Clock.systemUTC();

    private volatile boolean observed = true;

    /**
     * Counts the consumers of message events: observers of {@link MessageEvent} or one of its
     * records. Observers of any event at all ({@code Object}, as some container extensions
     * declare) do not count: they would make every message pay for events nobody reads.
     */
    @PostConstruct
    void findObservers() {
        if (beans == null) {
            observed = true;
            return;
        }
        long consumers = beans.resolveObserverMethods(new MessageEvent.Accepted(null, null, null, null, null)).stream()
                .map(ObserverMethod::getObservedType)
                .filter(type -> type instanceof Class && MessageEvent.class.isAssignableFrom((Class<?>) type))
                .count();
        observed = consumers > 0;
        LOG.info("message events: " + consumers + " consumer(s)" + (observed ? "" : "; none are published"));
    }

    /** Runs {@code publish} once {@code durable} completed normally; never when it failed. */
    public void afterCommit(CompletableFuture<Void> durable, Runnable publish) {
        if (observed) {
            durable.thenRun(publish);
        }
    }

    public void accepted(String recordId, CpmMessage message, SipAddress recipient) {
        publish(new MessageEvent.Accepted(id(), recordId, message, recipient, clock.instant()));
    }

    /** A recipient's disposition notification was recorded on its way to the original sender. */
    public void reported(String recordId, CpmMessage notification, SipAddress originalSender) {
        publish(new MessageEvent.Reported(id(), recordId, notification, originalSender, clock.instant()));
    }

    public void delivered(String recordId, CpmMessage message, SipAddress recipient, Device device) {
        publish(new MessageEvent.Delivered(id(), recordId, message, recipient, device.bindingKey(), clock.instant()));
    }

    public void deferred(String recordId, CpmMessage message, SipAddress recipient) {
        publish(new MessageEvent.Deferred(id(), recordId, message, recipient, clock.instant()));
    }

    public void failed(String recordId, CpmMessage message, SipAddress recipient, Refusal refusal) {
        publish(new MessageEvent.Failed(id(), recordId, message, recipient, refusal, clock.instant()));
    }

    /** A policy refused the message before anything was recorded. */
    public void refused(CpmMessage message, SipAddress recipient, Refusal refusal) {
        publish(new MessageEvent.Failed(id(), null, message, recipient, refusal, clock.instant()));
    }

    protected void publish(MessageEvent event) {
        if (!observed) {
            return;
        }
        try {
            bus.fireAsync(event).exceptionally(failure -> {
                LOG.log(Level.WARNING, "a consumer of " + event.getClass().getSimpleName() + " failed", failure);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not publish " + event.getClass().getSimpleName(), e);
        }
    }

    /**
     * A unique event id. Not from {@code UUID.randomUUID()}: its SecureRandom is one lock for the
     * whole JVM, and the pager's profile showed threads queuing on it.
     */
    private static String id() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
