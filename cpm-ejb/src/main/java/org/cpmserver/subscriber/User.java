package org.cpmserver.subscriber;

import java.time.Instant;
import java.util.Objects;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A provisioned user as adapters see it: never a credential, never the table row.
 *
 * @param address its public address-of-record
 * @param displayName its display name, or null
 * @param createdAt when it was provisioned
 */
public record User(SipAddress address, String displayName, Instant createdAt) {

    public User {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
