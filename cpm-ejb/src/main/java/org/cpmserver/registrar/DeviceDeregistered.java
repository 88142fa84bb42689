package org.cpmserver.registrar;

/**
 * CDI event: a device's registration ended, after the registrar's database change committed.
 * Fired once per binding, whichever way it went.
 *
 * @param device the binding as it was
 * @param why how it ended
 */
public record DeviceDeregistered(Device device, Why why) {

    /** How a registration ends. */
    public enum Why {
        /** The device unregistered (Expires 0, or {@code Contact: *}). */
        UNREGISTERED,
        /** Its time ran out without a refresh. */
        EXPIRED,
        /** Its user was removed. */
        USER_REMOVED
    }
}
