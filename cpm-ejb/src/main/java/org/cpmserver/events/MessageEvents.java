package org.cpmserver.events;

import java.time.Clock;
import java.util.List;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.Refusal;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.schema.RecordIds;

/**
 * Builds the {@link MessageEvent}s of each step of a message's life. A function hands them to
 * whatever makes the step durable (the message journal's entry, or the JTA transaction through
 * {@link #append}), so an event is written in the same transaction as its step: never for a step
 * that rolled back, never missing for one that committed. The {@link EventOutbox} then delivers
 * them to every {@link DurableConsumer} and the operator's feed.
 *
 * <p>When the outbox is off (no durable consumer deployed, feed off), every builder returns an
 * empty list: at thousands of messages a second, an event nobody reads should cost nothing.
 */
@ApplicationScoped
public class MessageEvents {

    @Inject
    EventOutbox outbox;

    Clock clock = Clock.systemUTC();

    /** Whether the outbox is on; asked once (it is decided when the application starts). */
    private volatile Boolean on;

    /** Whether events are written at all. */
    public boolean on() {
        Boolean known = on;
        if (known == null) {
            known = outbox != null && outbox.enabled();
            on = known;
        }
        return known;
    }

    /** The message was recorded for the recipient; a disposition notification is also {@code reported}. */
    public List<MessageEvent> accepted(String recordId, CpmMessage message, SipAddress recipient) {
        if (!on()) {
            return List.of();
        }
        MessageEvent accepted = new MessageEvent.Accepted(RecordIds.next(), recordId, message, recipient, clock.instant());
        return message.report() == null ? List.of(accepted)
                : List.of(accepted, new MessageEvent.Reported(RecordIds.next(), recordId, message, recipient, clock.instant()));
    }

    public List<MessageEvent> delivered(String recordId, CpmMessage message, SipAddress recipient, Device device) {
        return on() ? List.of(new MessageEvent.Delivered(RecordIds.next(), recordId, message, recipient, device.bindingKey(),
                clock.instant())) : List.of();
    }

    public List<MessageEvent> deferred(String recordId, CpmMessage message, SipAddress recipient) {
        return on() ? List.of(new MessageEvent.Deferred(RecordIds.next(), recordId, message, recipient, clock.instant())) : List.of();
    }

    /** It will not reach the recipient; {@code recordId} is null when it was refused before any record. */
    public List<MessageEvent> failed(String recordId, CpmMessage message, SipAddress recipient, Refusal refusal) {
        return on() ? List.of(new MessageEvent.Failed(RecordIds.next(), recordId, message, recipient, refusal, clock.instant()))
                : List.of();
    }

    public List<MessageEvent> expired(String recordId, CpmMessage message, SipAddress recipient) {
        return on() ? List.of(new MessageEvent.Expired(RecordIds.next(), recordId, message, recipient, clock.instant())) : List.of();
    }

    /** Writes events in the caller's JTA transaction (steps that are not the journal's). */
    public void append(List<MessageEvent> events) {
        if (!events.isEmpty()) {
            outbox.append(events);
        }
    }
}
