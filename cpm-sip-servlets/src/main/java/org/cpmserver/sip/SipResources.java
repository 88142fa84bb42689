package org.cpmserver.sip;

import com.ibm.websphere.sip.AsynchronousWork;
import com.ibm.websphere.sip.AsynchronousWorkListener;
import java.io.Serializable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.enterprise.concurrent.ManagedThreadFactory;
import javax.enterprise.context.ApplicationScoped;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;

/**
 * What SIP use cases need from the container besides the request: the SIP factory (handed over
 * by the main servlet when it starts), a way back onto the container's thread of an application
 * session, and a timer for deadlines.
 *
 * <p><b>SIP work stays on the session's container thread.</b> Liberty serves each application
 * session from one container queue and keeps per-thread state there: a session that becomes
 * ready to invalidate while a response is sent is parked in a thread-local list that only the
 * container's own threads drain. An answer sent from any other thread (say, after the journal
 * commit) leaves its session and application session in that list for good: the 10-minute soak
 * found one per delivered message, until the heap was full. So work that a journal commit, a
 * device's answer or a deadline releases continues through {@link #onSessionThread}, Liberty's
 * {@code AsynchronousWork}, which runs it on the session's queue like an incoming message.
 */
@ApplicationScoped
public class SipResources {

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    private static final Logger LOG = Logger.getLogger(SipResources.class.getName());

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
        scheduler = new ScheduledThreadPoolExecutor(1, threads);
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
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

    /**
     * Runs tasks on the container thread that serves {@code session}, queued behind the messages
     * of that session. Call it on a container thread (it reads the session's id); the executor
     * it returns may be used from any thread. A task that cannot be queued (the session is gone)
     * is logged and run on the calling thread, so that no answer is lost.
     */
    public Executor onSessionThread(SipApplicationSession session) {
        String id = session.getId();
        return task -> {
            SessionTask work = new SessionTask(id, task);
            try {
                work.dispatch(work);
            } catch (RuntimeException e) {
                work.onFailed(0, e.toString());
            }
        };
    }

    /**
     * Deadlines only: a task that fires must hand its work to {@link #onSessionThread}, since
     * this pool has one thread and is not a container thread.
     */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** One task for an application session's container queue; it is its own listener. */
    private static final class SessionTask extends AsynchronousWork implements AsynchronousWorkListener {
        private static final long serialVersionUID = 1L;
        /** Never serialized: the application is not distributable. */
        private final transient Runnable task;

        SessionTask(String applicationSessionId, Runnable task) {
            super(applicationSessionId);
            this.task = task;
        }

        @Override
        public Serializable doAsyncTask() {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a task on a SIP session's thread failed", e);
            }
            return null;
        }

        @Override
        public void onCompleted(Serializable result) {
            // nothing to hand back
        }

        @Override
        public void onFailed(int reasonCode, String reason) {
            LOG.warning("could not queue a task on its SIP session's thread (" + reasonCode + " " + reason
                    + "); running it here");
            doAsyncTask();
        }
    }
}
