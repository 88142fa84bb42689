package org.cpmserver.sip;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.enterprise.concurrent.ManagedThreadFactory;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What SIP use cases need from the container besides the request: the SIP factory (handed over
 * by the main servlet when it starts) and managed threads for work that must leave the
 * signalling thread.
 *
 * <p>The two pools run on threads of the container's managed thread factory, so their tasks see
 * the application's context, but submitting to them costs what a plain JDK executor costs: a
 * pager message schedules a deadline and an answer, and the managed executors' per-task
 * context capture was a measurable share of its CPU time (bench/README.md).
 */
@ApplicationScoped
public class SipResources {

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "cpm.sip.async-threads", defaultValue = "4")
    int asyncThreads;

    private ThreadPoolExecutor executor;
    private ScheduledThreadPoolExecutor scheduler;

    private volatile SipFactory factory;

    /**
     * Marks requests this node creates without an incoming request to continue (deferred
     * pushes): Liberty's application router hands them back to the application as new requests,
     * and the main servlet recognises them by this unguessable per-process value and sends them
     * on. See {@link CpmSipServlet}.
     */
    static final String OWN_REQUEST_HEADER = "X-CPM-Own";
    private final String ownRequestToken = java.util.UUID.randomUUID().toString();

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(asyncThreads, asyncThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
        scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

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

    /** Where work continues that a journal commit or a device's answer released (answers to the sender). */
    public ExecutorService executor() {
        return executor;
    }

    /**
     * Deadlines only: a task that fires must hand its work to {@link #executor()}, since this
     * pool has one thread.
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
