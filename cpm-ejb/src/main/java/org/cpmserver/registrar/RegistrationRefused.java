package org.cpmserver.registrar;

import javax.ejb.ApplicationException;

/** The registrar refuses a REGISTER; carries the SIP status and reason to answer with. */
@ApplicationException(rollback = true)
public class RegistrationRefused extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final Integer minExpires;

    public RegistrationRefused(int status, String reason) {
        this(status, reason, null);
    }

    RegistrationRefused(int status, String reason, Integer minExpires) {
        super(reason);
        this.status = status;
        this.minExpires = minExpires;
    }

    public int status() {
        return status;
    }

    /** For 423 Interval Too Brief: the value of Min-Expires. */
    public Integer minExpires() {
        return minExpires;
    }
}
