package org.cpmserver.sip;

import java.util.concurrent.Executor;
import javax.servlet.sip.SipServletRequest;
import org.cpmserver.delivery.Origin;

/**
 * A message that arrived in a SIP request: the function continues its work on the container
 * thread of the request's application session (see {@link SipResources#onSessionThread}), and
 * {@link SipDeviceMessenger} ties each device leg to the request (same application session,
 * routing directive CONTINUE, the sender's From and pass-through headers).
 */
final class SipOrigin implements Origin {

    private final SipServletRequest request;
    private final Executor continuation;

    SipOrigin(SipServletRequest request, Executor continuation) {
        this.request = request;
        this.continuation = continuation;
    }

    SipServletRequest request() {
        return request;
    }

    @Override
    public Executor continuation() {
        return continuation;
    }
}
