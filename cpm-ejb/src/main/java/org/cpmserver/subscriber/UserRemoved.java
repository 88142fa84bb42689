package org.cpmserver.subscriber;

import java.util.Objects;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A user was removed (published by {@link UserRemoval} once the user is gone): whoever keeps
 * something for the user (cached credentials, messages waiting for it) lets go of it.
 */
public record UserRemoved(SipAddress user) {

    public UserRemoved {
        Objects.requireNonNull(user, "user");
    }
}
