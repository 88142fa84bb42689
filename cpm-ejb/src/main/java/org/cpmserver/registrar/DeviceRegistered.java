package org.cpmserver.registrar;

/**
 * CDI event: a device that was not registered before now is. Deferred messaging listens for it
 * to push stored messages (push delivery on registration).
 */
public final class DeviceRegistered {

    private final Device device;

    public DeviceRegistered(Device device) {
        this.device = device;
    }

    public Device device() {
        return device;
    }
}
