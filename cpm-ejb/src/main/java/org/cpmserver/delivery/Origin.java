package org.cpmserver.delivery;

import java.util.concurrent.Executor;

/**
 * Where a message came from, as far as a function needs to know: only where to continue the
 * work that a journal commit, a device's answer or a deadline releases. The SIP adapter's origin
 * continues on the container thread of the incoming request's session (and lets its own
 * {@link DeviceMessenger} tie new legs to that request); a REST or gateway origin can run the
 * continuation anywhere.
 */
public interface Origin {

    /** The server itself (deferred pushes, notifications): continuations run where they are released. */
    Origin SERVER = () -> Runnable::run;

    /** Runs continuations of this origin's work. */
    Executor continuation();
}
