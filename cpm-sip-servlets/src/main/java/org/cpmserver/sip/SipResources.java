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

    /**
     * Marks requests this node creates without an incoming request to continue (deferred
     * pushes): Liberty's application router hands them back to the application as new requests,
     * and the main servlet recognises them by this unguessable per-process value and sends them
     * on. See {@link CpmSipServlet}.
     */
    static final String OWN_REQUEST_HEADER = "X-CPM-Own";
    private final String ownRequestToken = java.util.UUID.randomUUID().toString();

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

    String ownRequestToken() {
        return ownRequestToken;
    }

    public ManagedExecutorService executor() {
        return executor;
    }

    public ManagedScheduledExecutorService scheduler() {
        return scheduler;
    }
}
