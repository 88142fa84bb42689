package org.cpmserver.registrar;

import java.util.Objects;
import javax.ejb.ApplicationException;

/**
 * The registrar refuses a REGISTER, in the registrar's words: the SIP adapter answers 400, 423
 * (with Min-Expires) or 500 from the reason.
 */
@ApplicationException(rollback = true)
public class RegistrationRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Reason {
        /** The bindings asked for are contradictory (e.g. {@code Contact: *} with other contacts). */
        MALFORMED,
        /** The expiry asked for is shorter than the registrar keeps (see {@link #minExpires()}). */
        INTERVAL_TOO_BRIEF,
        /** The REGISTER arrived out of order for its Call-ID (a lower CSeq than one applied). */
        OUT_OF_ORDER
    }

    private final Reason reason;
    private final Integer minExpires;

    RegistrationRefused(Reason reason, String detail) {
        this(reason, detail, null);
    }

    RegistrationRefused(Reason reason, String detail, Integer minExpires) {
        super(detail);
        this.reason = Objects.requireNonNull(reason);
        this.minExpires = minExpires;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#INTERVAL_TOO_BRIEF}: the shortest expiry the registrar accepts. */
    public Integer minExpires() {
        return minExpires;
    }
}
