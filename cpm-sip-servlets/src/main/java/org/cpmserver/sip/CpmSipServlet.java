package org.cpmserver.sip;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.inject.Inject;
import org.cpmserver.delivery.DeviceMessengers;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * The main servlet: receives every initial request, refuses what no use case serves (405 for a
 * known method, 501 for an unknown one, both with {@code Allow}; 404 for a domain we do not
 * serve or a target no use case of the method serves) and hands the rest to the use case of its
 * method and target. It holds no logic of its own.
 */
@javax.servlet.sip.annotation.SipServlet(name = "cpm-main", loadOnStartup = 1)
public class CpmSipServlet extends SipServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(CpmSipServlet.class.getName());

    @Inject
    transient SipCapabilities capabilities;

    @Inject
    transient RequestTargets targets;

    @Inject
    transient SipTrafficMetrics metrics;

    @Inject
    transient SipResources resources;

    @Inject
    transient DeviceMessengers messengers;

    @Inject
    transient OverloadGuard overload;

    @Inject
    transient SignallingWarmUp warmUp;

    @Override
    public void init() throws ServletException {
        super.init();
        javax.servlet.sip.SipFactory factory = (javax.servlet.sip.SipFactory) getServletContext().getAttribute(SIP_FACTORY);
        resources.factory(factory);
        messengers.register(new SipDeviceMessenger(factory, resources.ownRequestToken(), overload::deviceAnswered));
        warmUp.start(factory);
    }

    /** Responses to requests the server sent itself go to the handler the request carries. */
    @Override
    protected void doResponse(SipServletResponse response) throws ServletException, IOException {
        Object handler = response.getRequest() == null ? null : response.getRequest().getAttribute(ResponseHandler.ATTRIBUTE);
        if (handler instanceof ResponseHandler) {
            try {
                ((ResponseHandler) handler).onResponse(response);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling a " + response.getStatus() + " to " + response.getMethod() + " failed", e);
            }
        }
    }

    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        String method = request.getMethod();
        if ("ACK".equals(method) || "CANCEL".equals(method)) {
            return; // no response to ACK; CANCEL is answered by the container's transaction layer
        }
        if (resources.ownRequestToken().equals(request.getHeader(SipResources.OWN_REQUEST_HEADER))) {
            // a request this node created itself, handed back by the application router: it is on
            // its way out to a device, not a new request from a user
            request.removeHeader(SipResources.OWN_REQUEST_HEADER);
            request.getProxy().proxyTo(request.getRequestURI());
            return;
        }
        if (warmUp.claims(request)) {
            warmUp.handle(request); // the node's own warm-up traffic: never a user's, never counted
            return;
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("SIP " + method + " " + request.getRequestURI() + " from " + request.getRemoteAddr() + ":"
                    + request.getRemotePort() + " initial-remote " + request.getInitialRemoteAddr());
        }
        boolean known = capabilities.isKnownMethod(method);
        // one series per known method: an unknown method is attacker-chosen text, counted as "other"
        metrics.received(known ? method : "other");
        if (!capabilities.serves(method)) {
            dialogLess(request);
            reject(request, known ? SipServletResponse.SC_METHOD_NOT_ALLOWED : SipServletResponse.SC_NOT_IMPLEMENTED,
                    known ? "Method Not Allowed" : "Not Implemented: unknown method " + method);
            return;
        }
        // RFC 3261 §8.2.2.1: a Request-URI scheme we do not serve at all
        if (!(request.getRequestURI() instanceof javax.servlet.sip.SipURI)) {
            dialogLess(request);
            reject(request, SipServletResponse.SC_UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme");
            return;
        }
        // RFC 3261 §8.2.2.3: every option tag in Require must be one we implement
        java.util.Set<String> unsupported = capabilities.unsupportedRequirements(request.getHeaders("Require"));
        if (!unsupported.isEmpty()) {
            dialogLess(request);
            metrics.rejected(SipServletResponse.SC_BAD_EXTENSION);
            SipServletResponse response = request.createResponse(SipServletResponse.SC_BAD_EXTENSION, "Bad Extension");
            response.setHeader("Unsupported", String.join(", ", unsupported));
            response.send();
            return;
        }
        RequestTarget target = targets.classify(request.getRequestURI());
        if (target == RequestTarget.FOREIGN) {
            dialogLess(request);
            reject(request, SipServletResponse.SC_NOT_FOUND, "Not Found: domain not served here");
            return;
        }
        Optional<SipUseCase> useCase = capabilities.useCase(method, target);
        if (useCase.isEmpty()) {
            dialogLess(request);
            reject(request, SipServletResponse.SC_NOT_FOUND, "Not Found: no " + method + " service at "
                    + target.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " addresses");
            return;
        }
        if (!useCase.get().createsDialog()) {
            dialogLess(request);
        }
        try {
            useCase.get().handle(request);
        } catch (RuntimeException | ServletException | IOException e) {
            LOG.log(Level.WARNING, "SIP " + method + " " + request.getCallId() + " failed", e);
            metrics.handlerFailed();
            if (!request.isCommitted()) {
                request.createResponse(SipServletResponse.SC_SERVER_INTERNAL_ERROR, "Server Internal Error").send();
            }
        }
    }

    /**
     * A request without a dialog needs its sessions only until its transactions end: let the
     * container invalidate them then (JSR 289 §6.1.2.2), or they pile up until the session
     * timeout and the container's application-session limit refuses new requests (480). A
     * dialog-creating use case keeps its sessions for the dialog's life.
     */
    private static void dialogLess(SipServletRequest request) {
        request.getSession().setInvalidateWhenReady(true);
        request.getApplicationSession().setInvalidateWhenReady(true);
    }

    private void reject(SipServletRequest request, int status, String reason) throws IOException {
        metrics.rejected(status);
        SipServletResponse response = request.createResponse(status, reason);
        if (status == SipServletResponse.SC_METHOD_NOT_ALLOWED || status == SipServletResponse.SC_NOT_IMPLEMENTED) {
            response.setHeader("Allow", capabilities.allow());
        }
        response.send();
    }
}
