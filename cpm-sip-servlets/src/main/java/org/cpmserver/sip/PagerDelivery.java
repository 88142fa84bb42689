package org.cpmserver.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import org.cpmserver.participating.PagerMessage;
import org.cpmserver.participating.ParticipatingFunction;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;

/**
 * Delivers one pager message to every device of one recipient in parallel, as a B2BUA: one new
 * MESSAGE per device. The outcome for the recipient is decided once: accepted as soon as a
 * device accepts; failed once every device refused or the deadline passed. Each device's answer
 * is journaled.
 */
final class PagerDelivery implements ResponseHandler {

    /** What happened for the recipient. */
    static final class Outcome {
        final int status;
        final String reason;

        Outcome(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        boolean accepted() {
            return status < 300;
        }
    }

    private static final Logger LOG = Logger.getLogger(PagerDelivery.class.getName());
    /** Headers of the sender's request that travel on to the devices. */
    private static final String[] FORWARDED = {"InReplyTo-Contribution-ID", "Subject", "Priority"};

    private final SipServletRequest origin;
    private final PagerMessage message;
    private final SipAddress recipient;
    private final List<Device> devices;
    private final ParticipatingFunction.Recorded recorded;
    private final ParticipatingFunction participating;
    private final Consumer<Outcome> decided;
    private final List<Integer> failures = new ArrayList<>();
    private int pending;
    private boolean done;
    private ScheduledFuture<?> deadline;

    PagerDelivery(SipServletRequest origin, PagerMessage message, SipAddress recipient, List<Device> devices,
            ParticipatingFunction.Recorded recorded, ParticipatingFunction participating, Consumer<Outcome> decided) {
        this.origin = origin;
        this.message = message;
        this.recipient = recipient;
        this.devices = devices;
        this.recorded = recorded;
        this.participating = participating;
        this.decided = decided;
    }

    void start(SipFactory factory, ScheduledExecutorService scheduler, Executor executor, long timeoutMillis) {
        synchronized (this) {
            pending = devices.size();
            deadline = scheduler.schedule(() -> executor.execute(this::deadlinePassed), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        for (Device device : devices) {
            try {
                SipServletRequest out = DeviceRequests.message(factory, origin.getApplicationSession(), origin.getFrom(),
                        factory.createAddress("<" + recipient.uri() + ">"), device, message.sender().uri(),
                        message.conversationId(), message.contributionId(), message.body(), message.contentType());
                // CONTINUE: the application router must not hand our own leg back to us as a new request
                out.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, origin);
                for (String name : FORWARDED) {
                    String value = origin.getHeader(name);
                    if (value != null) {
                        out.setHeader(name, value);
                    }
                }
                out.getSession().setInvalidateWhenReady(true);
                out.setAttribute(ATTRIBUTE, this);
                out.setAttribute(Device.class.getName(), device);
                out.send();
            } catch (IOException | RuntimeException | ServletException e) {
                LOG.log(Level.WARNING, "could not send MESSAGE to " + device.contactUri(), e);
                deviceAnswered(device, SipServletResponse.SC_SERVICE_UNAVAILABLE, "not sent: " + e.getMessage());
            }
        }
    }

    @Override
    public void onResponse(SipServletResponse response) {
        if (response.getStatus() < 200) {
            return;
        }
        Device device = (Device) response.getRequest().getAttribute(Device.class.getName());
        deviceAnswered(device, response.getStatus(), response.getReasonPhrase());
    }

    private void deviceAnswered(Device device, int status, String reason) {
        participating.deviceAnswered(recorded.id(), device, status, reason);
        Outcome outcome = null;
        synchronized (this) {
            pending--;
            if (status >= 300) {
                failures.add(status);
            }
            if (!done && status < 300) {
                outcome = new Outcome(SipServletResponse.SC_OK, null);
            } else if (!done && pending == 0) {
                outcome = failure(reason);
            }
            if (outcome != null) {
                done = true;
                deadline.cancel(false);
            }
        }
        if (outcome != null) {
            decided.accept(outcome);
        }
    }

    /** Every device refused: a device's verdict on the content (415, 488, 413, 6xx) is the sender's business; reachability and a device's challenge are not. */
    private Outcome failure(String lastReason) {
        int common = failures.stream().distinct().count() == 1 ? failures.get(0) : 0;
        boolean passThrough = common >= 400 && common != 401 && common != 407 && common != 408 && common != 480
                && common != 503;
        return passThrough ? new Outcome(common, lastReason)
                : new Outcome(SipServletResponse.SC_TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable: no device accepted the message");
    }

    private void deadlinePassed() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        decided.accept(new Outcome(SipServletResponse.SC_REQUEST_TIMEOUT, "Request Timeout: no device answered in time"));
    }
}
