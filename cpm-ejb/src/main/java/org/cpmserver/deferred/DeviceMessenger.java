package org.cpmserver.deferred;

import java.util.concurrent.CompletionStage;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.registrar.Device;

/**
 * Sends a stored message to one device and tells how the device answered (the SIP status).
 * Implemented by the SIP layer, which owns the signalling; deferred messaging only decides what
 * goes where and when.
 */
public interface DeviceMessenger {

    CompletionStage<Integer> send(Device device, DeferredRecord message);

    /**
     * Sends the server's own MESSAGE to a device (the pull-mode list of waiting messages), from
     * the deferred messaging service address {@code fromUri}.
     */
    CompletionStage<Integer> notice(Device device, String fromUri, String contentType, byte[] body);
}
