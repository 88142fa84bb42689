package org.cpmserver.delivery;

import javax.enterprise.context.ApplicationScoped;

/**
 * Where the SIP layer registers its {@link DeviceMessenger} when it starts: the EJB module cannot
 * see beans of the web module, so the adapter hands its implementation over.
 */
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
