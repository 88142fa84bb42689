package org.cpmserver.participating.policy;

import java.util.Objects;
import org.cpmserver.message.Refusal;

/**
 * What a policy says about a message: no objection, refuse it with a {@link Refusal}, or
 * accept it silently without delivering it (so the sender learns nothing, e.g. that it is blocked).
 */
public final class PolicyDecision {

    /** The kinds of decision. */
    public enum Kind { ACCEPT, REJECT, DISCARD }

    public static final PolicyDecision ACCEPT = new PolicyDecision(Kind.ACCEPT, null, null);

    private final Kind kind;
    private final Refusal refusal;
    private final String why;

    private PolicyDecision(Kind kind, Refusal refusal, String why) {
        this.kind = kind;
        this.refusal = refusal;
        this.why = why;
    }

    public static PolicyDecision reject(Refusal refusal) {
        return new PolicyDecision(Kind.REJECT, Objects.requireNonNull(refusal), refusal.detail());
    }

    public static PolicyDecision discard(String why) {
        return new PolicyDecision(Kind.DISCARD, null, Objects.requireNonNull(why));
    }

    public Kind kind() {
        return kind;
    }

    /** Why it is refused (REJECT). */
    public Refusal refusal() {
        return refusal;
    }

    /** Why it was refused or discarded, for the log. */
    public String why() {
        return why;
    }

    public boolean isAccept() {
        return kind == Kind.ACCEPT;
    }
}
