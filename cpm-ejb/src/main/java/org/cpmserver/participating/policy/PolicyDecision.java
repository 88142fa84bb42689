package org.cpmserver.participating.policy;

import java.util.Objects;

/**
 * What a policy says about a message: no objection, refuse it with a SIP status and reason, or
 * accept it silently without delivering it (so the sender learns nothing, e.g. that it is blocked).
 */
public final class PolicyDecision {

    /** The kinds of decision. */
    public enum Kind { ACCEPT, REJECT, DISCARD }

    public static final PolicyDecision ACCEPT = new PolicyDecision(Kind.ACCEPT, 0, null);

    private final Kind kind;
    private final int status;
    private final String reason;

    private PolicyDecision(Kind kind, int status, String reason) {
        this.kind = kind;
        this.status = status;
        this.reason = reason;
    }

    public static PolicyDecision reject(int status, String reason) {
        if (status < 400 || status > 699) {
            throw new IllegalArgumentException("a rejection needs a 4xx-6xx status, not " + status);
        }
        return new PolicyDecision(Kind.REJECT, status, Objects.requireNonNull(reason));
    }

    public static PolicyDecision discard(String why) {
        return new PolicyDecision(Kind.DISCARD, 0, Objects.requireNonNull(why));
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return status;
    }

    /** The SIP reason phrase (REJECT), or why it was discarded (DISCARD, for the log only). */
    public String reason() {
        return reason;
    }

    public boolean isAccept() {
        return kind == Kind.ACCEPT;
    }
}
