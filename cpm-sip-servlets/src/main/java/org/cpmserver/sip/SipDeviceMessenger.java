package org.cpmserver.sip;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.deferred.DeviceMessenger;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.registrar.Device;

/**
 * Sends a stored message to a device as a new MESSAGE from its original sender, with its
 * original identities (imdn.Message-ID inside the CPIM body, Conversation-ID, Contribution-ID),
 * so the device cannot tell it from a live delivery.
 */
final class SipDeviceMessenger implements DeviceMessenger {

    private final SipFactory factory;
    private final String ownToken;

    SipDeviceMessenger(SipFactory factory, String ownToken) {
        this.factory = factory;
        this.ownToken = ownToken;
    }

    @Override
    public CompletionStage<Integer> send(Device device, DeferredRecord message) {
        try {
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest out = DeviceRequests.message(factory, session, factory.createAddress("<" + message.sender() + ">"),
                    factory.createAddress("<" + message.recipient() + ">"), device, message.sender(), message.conversationId(),
                    message.contributionId(), message.body(), message.contentType());
            return send(out);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletionStage<Integer> notice(Device device, String fromUri, String contentType, byte[] body) {
        try {
            SipApplicationSession session = factory.createApplicationSession();
            return send(DeviceRequests.notice(factory, session, factory.createAddress("<" + fromUri + ">"),
                    factory.createAddress("<" + device.aor().uri() + ">"), device, body, contentType));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends the request; completes with the device's final status. */
    private CompletionStage<Integer> send(SipServletRequest out) throws java.io.IOException {
        CompletableFuture<Integer> answered = new CompletableFuture<>();
        out.setHeader(SipResources.OWN_REQUEST_HEADER, ownToken);
        out.setAttribute(ResponseHandler.ATTRIBUTE, (ResponseHandler) (SipServletResponse response) -> {
            if (response.getStatus() >= 200) {
                answered.complete(response.getStatus());
                response.getApplicationSession().invalidate();
            }
        });
        out.send();
        return answered;
    }
}
