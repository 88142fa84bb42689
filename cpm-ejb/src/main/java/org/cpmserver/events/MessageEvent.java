package org.cpmserver.events;

import java.time.Instant;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.Refusal;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A step in the life of one message for one recipient, published after the step is durable.
 * Each is written to the {@link EventOutbox} in the transaction of the step it reports, so it
 * exists exactly when the step does, and reaches every {@link DurableConsumer} (conversation
 * history, webhooks and the notification channel, interworking fallback) and the operator's event
 * feed at least once, across crashes. Consumers need no change to the code that sends messages.
 * Every event carries its own id, so a consumer that may see one twice can tell.
 */
public sealed interface MessageEvent {

    /** Unique per event. */
    String eventId();

    /** The journal record of the message for this recipient (shared by its events). */
    String recordId();

    CpmMessage message();

    SipAddress recipient();

    Instant at();

    /** The server took the message for this recipient and recorded it. */
    record Accepted(String eventId, String recordId, CpmMessage message, SipAddress recipient, Instant at)
            implements MessageEvent {
    }

    /** One device of the recipient accepted it (one event per device). */
    record Delivered(String eventId, String recordId, CpmMessage message, SipAddress recipient, String device, Instant at)
            implements MessageEvent {
    }

    /** The Deferred Messaging Function keeps it for the recipient. */
    record Deferred(String eventId, String recordId, CpmMessage message, SipAddress recipient, Instant at)
            implements MessageEvent {
    }

    /** It will not reach the recipient: refused by the recipient's policy or devices, or no room to keep it. */
    record Failed(String eventId, String recordId, CpmMessage message, SipAddress recipient, Refusal refusal, Instant at)
            implements MessageEvent {
    }

    /**
     * The Deferred Messaging Function gave up on it: its time ran out before any device of the
     * recipient took it.
     */
    record Expired(String eventId, String recordId, CpmMessage message, SipAddress recipient, Instant at)
            implements MessageEvent {
    }

    /**
     * A disposition notification of the recipient (delivered, displayed) passed on to the
     * original sender; {@link #message()} is the notification itself, sent by the recipient.
     */
    record Reported(String eventId, String recordId, CpmMessage message, SipAddress recipient, Instant at)
            implements MessageEvent {
    }
}
