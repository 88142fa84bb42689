package org.cpmserver.sip;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.delivery.DeviceMessenger;
import org.cpmserver.delivery.Origin;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;

/**
 * The SIP side of the {@link DeviceMessenger} port: one new MESSAGE per device (the server is a
 * B2BUA for pager mode). A leg of a message that arrived over SIP continues the sender's request
 * (its application session, routing directive CONTINUE, its From, and the headers that travel
 * on); a message the server sends on its own (from the deferred store) gets an application session
 * of its own and the original sender's identities, so the device cannot tell it from a live
 * delivery.
 */
final class SipDeviceMessenger implements DeviceMessenger {

    private static final Logger LOG = Logger.getLogger(SipDeviceMessenger.class.getName());
    /** Headers of the sender's request that travel on to the devices. */
    private static final String[] FORWARDED = {"InReplyTo-Contribution-ID", "Subject", "Priority"};

    private final SipFactory factory;
    private final String ownToken;
    /** Told how long each final answer took to reach the application, in ms (the overload guard). */
    private final LongConsumer answerDelay;

    SipDeviceMessenger(SipFactory factory, String ownToken, LongConsumer answerDelay) {
        this.factory = factory;
        this.ownToken = ownToken;
        this.answerDelay = answerDelay;
    }

    @Override
    public CompletionStage<DeviceAnswer> send(Origin origin, Device device, SipAddress recipient, CpmMessage message) {
        try {
            Address to = factory.createAddress("<" + recipient.uri() + ">");
            if (origin instanceof SipOrigin) {
                SipServletRequest incoming = ((SipOrigin) origin).request();
                SipServletRequest out = DeviceRequests.message(factory, incoming.getApplicationSession(), incoming.getFrom(), to,
                        device, message);
                // CONTINUE: the application router must not hand our own leg back to us as a new request
                out.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, incoming);
                for (String name : FORWARDED) {
                    String value = incoming.getHeader(name);
                    if (value != null) {
                        out.setHeader(name, value);
                    }
                }
                out.getSession().setInvalidateWhenReady(true);
                return send(out, false);
            }
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest out = DeviceRequests.message(factory, session,
                    factory.createAddress("<" + message.sender().uri() + ">"), to, device, message);
            message.inReplyToContribution().ifPresent(id -> out.setHeader("InReplyTo-Contribution-ID", id.value()));
            out.setHeader(SipResources.OWN_REQUEST_HEADER, ownToken);
            return send(out, true);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "could not send MESSAGE to " + device.contactUri(), e);
            return CompletableFuture.completedFuture(DeviceAnswer.unreachable(0, "not sent: " + e.getMessage()));
        }
    }

    @Override
    public CompletionStage<DeviceAnswer> notice(Device device, SipAddress from, String contentType, byte[] body) {
        try {
            SipApplicationSession session = factory.createApplicationSession();
            SipServletRequest out = DeviceRequests.notice(factory, session, factory.createAddress("<" + from.uri() + ">"),
                    factory.createAddress("<" + device.aor().uri() + ">"), device, body, contentType);
            out.setHeader(SipResources.OWN_REQUEST_HEADER, ownToken);
            return send(out, true);
        } catch (Exception e) {
            return CompletableFuture.completedFuture(DeviceAnswer.unreachable(0, "not sent: " + e.getMessage()));
        }
    }

    /** Sends the request; completes with the device's final answer. */
    private CompletionStage<DeviceAnswer> send(SipServletRequest out, boolean ownSession) throws java.io.IOException {
        CompletableFuture<DeviceAnswer> answered = new CompletableFuture<>();
        long sentAt = System.nanoTime();
        out.setAttribute(ResponseHandler.ATTRIBUTE, (ResponseHandler) (SipServletResponse response) -> {
            if (response.getStatus() >= 200 && response.getStatus() < 300) {
                // only a device's acceptance: a 408 may be the container's own, after Timer F
                answerDelay.accept((System.nanoTime() - sentAt) / 1_000_000);
            }
            if (response.getStatus() >= 200) {
                answered.complete(SipStatuses.answer(response.getStatus(), response.getReasonPhrase()));
                if (ownSession) {
                    response.getApplicationSession().invalidate();
                }
            }
        });
        out.send();
        return answered;
    }
}
