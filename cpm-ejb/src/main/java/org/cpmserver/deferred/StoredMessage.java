package org.cpmserver.deferred;

import java.time.Instant;
import java.util.Objects;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A message the Deferred Messaging Function keeps for a recipient, as adapters see it (never the
 * table row itself).
 *
 * @param id the store's id of it
 * @param recipient whom it waits for
 * @param message the message, with its original identities
 * @param expiresAt when it is dropped (and its sender told, if it asked) unless delivered before
 */
public record StoredMessage(String id, SipAddress recipient, CpmMessage message, Instant expiresAt) {

    public StoredMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
