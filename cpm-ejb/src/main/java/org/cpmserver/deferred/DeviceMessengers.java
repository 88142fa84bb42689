package org.cpmserver.deferred;

import javax.enterprise.context.ApplicationScoped;

/** Where the SIP layer registers its {@link DeviceMessenger} when it starts. */
@ApplicationScoped
public class DeviceMessengers {

    private volatile DeviceMessenger messenger;

    public void register(DeviceMessenger m) {
        this.messenger = m;
    }

    /** The messenger, or null while the SIP layer has not started yet. */
    public DeviceMessenger get() {
        return messenger;
    }
}
