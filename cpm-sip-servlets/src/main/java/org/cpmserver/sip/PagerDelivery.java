package org.cpmserver.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.participating.ParticipatingFunction;
import org.cpmserver.registrar.Device;

/**
 * Delivers one pager message to every device of one recipient in parallel, as a B2BUA: one new
 * MESSAGE per device, and one answer to the sender: 200 as soon as a device accepted it and the
 * message is durably recorded, otherwise the failure once every device answered or the delivery
 * deadline passed. Each device's outcome is journaled.
 */
final class PagerDelivery implements ResponseHandler {

    private static final Logger LOG = Logger.getLogger(PagerDelivery.class.getName());
    /** Headers of the sender's request that travel on to the devices (CPM identities, RFC 3428 bodies). */
    private static final String[] FORWARDED = {"InReplyTo-Contribution-ID", "Content-Disposition", "Subject", "Priority"};

    private final SipServletRequest origin;
    private final List<Device> devices;
    private final ParticipatingFunction.Recorded recorded;
    private final ParticipatingFunction participating;
    private final PagerOutcomes outcomes;
    private final Executor executor;
    private final String conversationId;
    private final String contributionId;
    private final List<Integer> failures = new ArrayList<>();
    private int pending;
    private boolean answered;
    private ScheduledFuture<?> deadline;

    PagerDelivery(SipServletRequest origin, List<Device> devices, ParticipatingFunction.Recorded recorded,
            ParticipatingFunction participating, PagerOutcomes outcomes, Executor executor, String conversationId,
            String contributionId) {
        this.origin = origin;
        this.devices = devices;
        this.recorded = recorded;
        this.participating = participating;
        this.outcomes = outcomes;
        this.executor = executor;
        this.conversationId = conversationId;
        this.contributionId = contributionId;
    }

    void start(SipFactory factory, String senderUri, ScheduledExecutorService scheduler, long timeoutMillis) {
        synchronized (this) {
            pending = devices.size();
            deadline = scheduler.schedule(this::deadlinePassed, timeoutMillis, TimeUnit.MILLISECONDS);
        }
        for (Device device : devices) {
            try {
                SipServletRequest out = factory.createRequest(origin.getApplicationSession(), "MESSAGE",
                        origin.getFrom(), origin.getTo());
                // CONTINUE: the application router must not hand our own leg back to us as a new request
                out.setRoutingDirective(SipApplicationRoutingDirective.CONTINUE, origin);
                out.setRequestURI(factory.createURI(device.contactUri()));
                if (device.path() != null) {
                    for (String hop : device.path().split(",")) {
                        Address route = factory.createAddress(hop.trim());
                        out.pushRoute(route);
                    }
                }
                for (String name : FORWARDED) {
                    String value = origin.getHeader(name);
                    if (value != null) {
                        out.setHeader(name, value);
                    }
                }
                out.setHeader("Conversation-ID", conversationId);
                out.setHeader("Contribution-ID", contributionId);
                out.setHeader("P-Asserted-Identity", "<" + senderUri + ">");
                out.setContent(origin.getRawContent(), origin.getContentType());
                out.setAttribute(ATTRIBUTE, this);
                out.setAttribute(Device.class.getName(), device);
                out.send();
            } catch (IOException | RuntimeException | javax.servlet.ServletException e) {
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
        boolean accept;
        boolean allFailed;
        synchronized (this) {
            pending--;
            accept = status < 300 && !answered;
            if (status >= 300) {
                failures.add(status);
            }
            allFailed = pending == 0 && failures.size() == devices.size() && !answered;
            if (accept || allFailed) {
                answered = true;
                deadline.cancel(false);
            }
        }
        if (accept) {
            outcomes.delivered();
            answerWhenDurable();
        } else if (allFailed) {
            int common = failures.stream().distinct().count() == 1 ? failures.get(0) : 0;
            // a device's own verdict on the content (415, 488, 413, 6xx) is the sender's business;
            // reachability failures and a device's challenge are not
            boolean passThrough = common >= 400 && common != 401 && common != 407 && common != 408 && common != 480
                    && common != 503;
            outcomes.failed(passThrough ? "device-" + common : "no-device-accepted");
            answer(passThrough ? common : SipServletResponse.SC_TEMPORARILY_UNAVAILABLE,
                    passThrough ? reason : "Temporarily Unavailable: no device accepted the message");
        }
    }

    private void deadlinePassed() {
        synchronized (this) {
            if (answered) {
                return;
            }
            answered = true;
        }
        outcomes.failed("device-timeout");
        answer(SipServletResponse.SC_REQUEST_TIMEOUT, "Request Timeout: no device answered in time");
    }

    /** A 200 promises the message is kept: wait for the journal's commit. */
    private void answerWhenDurable() {
        recorded.durable().whenCompleteAsync((done, failure) -> {
            if (failure == null) {
                answer(SipServletResponse.SC_OK, null);
            } else {
                outcomes.failed("journal-unavailable");
                answer(SipServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: message could not be recorded");
            }
        }, executor);
    }

    private void answer(int status, String reason) {
        try {
            SipServletResponse response = reason == null ? origin.createResponse(status) : origin.createResponse(status, reason);
            response.send();
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "sender's transaction ended before the answer " + status, e);
        }
    }
}
