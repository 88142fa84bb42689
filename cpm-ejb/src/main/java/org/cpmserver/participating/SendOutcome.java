package org.cpmserver.participating;

import java.util.Objects;
import org.cpmserver.message.Refusal;

/**
 * What became of a message sent through the {@link ParticipatingFunction}, in the domain's
 * words; the SIP adapter answers 200/202/4xx from it, a REST adapter a status and a problem.
 *
 * @param kind what happened
 * @param refusal why not, for {@link Kind#REFUSED}
 */
public record SendOutcome(Kind kind, Refusal refusal) {

    /** What happened. */
    public enum Kind {
        /** A device of the recipient took it, and it is recorded. */
        DELIVERED,
        /** Kept by the Deferred Messaging Function for later delivery. */
        DEFERRED,
        /** A one-to-many message: every copy is recorded, each on its way. */
        ACCEPTED,
        /** Swallowed by a policy that must look like delivery to the sender. */
        DISCARDED,
        /** A report the recipient already sent from another device: not forwarded again. */
        COLLAPSED,
        /** Not taken; see the refusal. */
        REFUSED
    }

    public static final SendOutcome DELIVERED = new SendOutcome(Kind.DELIVERED, null);
    public static final SendOutcome DEFERRED = new SendOutcome(Kind.DEFERRED, null);
    public static final SendOutcome ACCEPTED = new SendOutcome(Kind.ACCEPTED, null);
    public static final SendOutcome DISCARDED = new SendOutcome(Kind.DISCARDED, null);
    public static final SendOutcome COLLAPSED = new SendOutcome(Kind.COLLAPSED, null);

    public SendOutcome {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.REFUSED) {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    public static SendOutcome refused(Refusal refusal) {
        return new SendOutcome(Kind.REFUSED, refusal);
    }
}
