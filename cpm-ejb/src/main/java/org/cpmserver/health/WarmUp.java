package org.cpmserver.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.enterprise.context.ApplicationScoped;

/**
 * Whether the node has warmed up. A JVM that just started runs its code in the interpreter and
 * compiles the hot paths over the first thousands of messages; offered full load in that time, a
 * node answered a fraction of it and let the rest time out (docs/benchmarks.md, "A node that
 * starts under load"). So before the node says it is ready, the SIP module drives synthetic
 * pager traffic through its own signalling path ({@code sip.SignallingWarmUp}) and reports here;
 * the readiness check {@code warm-up} reads it. The warm-up always ends, on its count or on its
 * time limit, so it can delay readiness but never withhold it.
 */
@ApplicationScoped
public class WarmUp {

    private final AtomicInteger completed = new AtomicInteger();
    private volatile int planned;
    private volatile boolean started;
    private volatile String summary;

    /** The warm-up begins, with this many messages planned. */
    public void begin(int planned) {
        this.planned = planned;
        this.started = true;
    }

    /** This many messages have had their final answer so far. */
    public void progressed(int completed) {
        this.completed.set(completed);
    }

    /** The warm-up is over (or was never to run); {@code summary} says how it went. */
    public void end(String summary) {
        this.summary = summary;
    }

    public boolean over() {
        return summary != null;
    }

    /** UP once the warm-up is over, with its summary; DOWN with its progress before. */
    public ComponentProbes.Outcome outcome() {
        Map<String, String> data = new LinkedHashMap<>();
        String done = summary;
        if (done != null) {
            data.put("warm-up", done);
            return new ComponentProbes.Outcome(true, data);
        }
        data.put("warm-up", started ? "warming the signalling path: " + completed.get() + " of " + planned + " messages"
                : "waiting for the SIP listener");
        return new ComponentProbes.Outcome(false, data);
    }
}
