package org.cpmserver.sip;

import java.util.concurrent.atomic.AtomicLong;
import javax.servlet.sip.SipApplicationSessionEvent;
import javax.servlet.sip.SipApplicationSessionListener;
import javax.servlet.sip.annotation.SipListener;

/**
 * Counts the SIP application sessions alive in this node, exported as the gauge
 * {@code application_cpm_sip_application_sessions}. Pager traffic has no dialogs, so under a
 * steady load this stays near rate × transaction lifetime; a count that keeps growing is a
 * session leak, which ends in the container refusing new requests (480) or a full heap.
 */
@SipListener
public class ApplicationSessions implements SipApplicationSessionListener {

    private static final AtomicLong LIVE = new AtomicLong();

    /** Application sessions created and not yet invalidated. */
    static long live() {
        return LIVE.get();
    }

    @Override
    public void sessionCreated(SipApplicationSessionEvent event) {
        LIVE.incrementAndGet();
    }

    @Override
    public void sessionDestroyed(SipApplicationSessionEvent event) {
        LIVE.decrementAndGet();
    }

    @Override
    public void sessionExpired(SipApplicationSessionEvent event) {
        // the container invalidates it next (sessionDestroyed) unless someone extends it
    }

    @Override
    public void sessionReadyToInvalidate(SipApplicationSessionEvent event) {
        // invalidated next (sessionDestroyed)
    }
}
