package org.cpmserver.sip;

import javax.annotation.Resource;
import javax.enterprise.concurrent.ManagedExecutorService;
import javax.enterprise.concurrent.ManagedScheduledExecutorService;
import javax.enterprise.context.ApplicationScoped;
import javax.servlet.sip.SipFactory;

/**
 * What SIP use cases need from the container besides the request: the SIP factory (handed over
 * by the main servlet when it starts) and managed threads for work that must leave the
 * signalling thread.
 */
@ApplicationScoped
public class SipResources {

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private volatile SipFactory factory;

    void factory(SipFactory factory) {
        this.factory = factory;
    }

    public SipFactory factory() {
        SipFactory f = factory;
        if (f == null) {
            throw new IllegalStateException("the SIP servlet has not started yet");
        }
        return f;
    }

    public ManagedExecutorService executor() {
        return executor;
    }

    public ManagedScheduledExecutorService scheduler() {
        return scheduler;
    }
}
