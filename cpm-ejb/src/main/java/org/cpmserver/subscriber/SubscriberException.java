package org.cpmserver.subscriber;

import javax.ejb.ApplicationException;

/** Why a provisioning request was refused; each kind maps to one HTTP status. */
@ApplicationException(rollback = true)
public abstract class SubscriberException extends Exception {

    private static final long serialVersionUID = 1L;

    SubscriberException(String message) {
        super(message);
    }

    /** The request itself is wrong (400). */
    public static class Invalid extends SubscriberException {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    /** The address is already provisioned (409). */
    public static class Exists extends SubscriberException {
        private static final long serialVersionUID = 1L;

        public Exists(String message) {
            super(message);
        }
    }

    /** No such user (404). */
    public static class NotFound extends SubscriberException {
        private static final long serialVersionUID = 1L;

        public NotFound(String message) {
            super(message);
        }
    }
}
