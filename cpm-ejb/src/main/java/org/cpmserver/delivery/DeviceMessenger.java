package org.cpmserver.delivery;

import java.util.concurrent.CompletionStage;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;

/**
 * The port through which functions reach a user's device: implemented by the SIP layer, which
 * owns the signalling; the functions only decide what goes where and when. Answers come back as
 * a neutral {@link DeviceAnswer}.
 */
public interface DeviceMessenger {

    /**
     * Sends a message to one device of {@code recipient}.
     *
     * @param origin the request the message arrived in ({@link Origin#SERVER} for one the server
     *     sends on its own, e.g. from the deferred store); an adapter may use its own origin to
     *     tie the new leg to the incoming request
     */
    CompletionStage<DeviceAnswer> send(Origin origin, Device device, SipAddress recipient, CpmMessage message);

    /**
     * Sends the server's own message to a device (the pull-mode list of waiting messages), from
     * a service address of the server.
     */
    CompletionStage<DeviceAnswer> notice(Device device, SipAddress from, String contentType, byte[] body);
}
