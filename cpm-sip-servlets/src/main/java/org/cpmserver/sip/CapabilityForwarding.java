package org.cpmserver.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.ServletException;
import javax.servlet.sip.Proxy;
import javax.servlet.sip.ProxyBranch;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.participating.ParticipatingFunction;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;

/**
 * OPTIONS to a user in standalone mode (RFC 3840 capability discovery, GSMA RCC.07): the query is
 * proxied to every registered device of the user at once, and the best answer goes back as the
 * device sent it, with the device's own Contact and feature tags: what the user's clients can
 * do, not what the server can. A user with no device registered gets 480, an unknown one 404.
 *
 * <p>The querier must be an authenticated user of a served domain (407 first), as for MESSAGE:
 * an answer tells whether the user is online and what client it runs, which strangers have no
 * business learning.
 */
@ApplicationScoped
public class CapabilityForwarding implements SipUseCase {

    @Inject
    SipAuthentication authentication;

    @Inject
    ParticipatingFunction participating;

    @Inject
    SipResources resources;

    @Inject
    SipTrafficMetrics metrics;

    @Inject
    CpmSettings settings;

    @Override
    public String method() {
        return "OPTIONS";
    }

    @Override
    public Set<String> acceptedContentTypes() {
        return Set.of();
    }

    @Override
    public Set<CpmIcsi> services() {
        return Set.of();
    }

    @Override
    public boolean serves(RequestTarget target) {
        return target == RequestTarget.USER && !settings.imsMode();
    }

    @Override
    public void handle(SipServletRequest request) throws IOException, ServletException {
        Optional<SipAddress> querier = authentication.sender(request, metrics::rejected);
        if (querier.isEmpty()) {
            return;
        }
        SipAddress user;
        try {
            user = SipAddress.parse(request.getRequestURI().toString());
        } catch (IllegalArgumentException e) {
            metrics.rejected(404);
            request.createResponse(404, "Not Found: the Request-URI is not a user address").send();
            return;
        }
        ParticipatingFunction.Reach reach = participating.reach(user);
        if (reach.refusal() != null) {
            metrics.rejected(SipStatuses.status(reach.refusal()));
            SipStatuses.response(request, reach.refusal(), Set.of()).send();
            return;
        }
        // RFC 3261 §22.3: credentials for this server are not passed on to the devices
        request.removeHeader("Proxy-Authorization");
        Proxy proxy = request.getProxy();
        proxy.setRecordRoute(false);
        proxy.setParallel(true);
        proxy.setSupervised(false);
        List<URI> contacts = new ArrayList<>();
        for (Device device : reach.devices()) {
            contacts.add(resources.factory().createURI(device.contactUri()));
        }
        List<ProxyBranch> branches = proxy.createProxyBranches(contacts);
        for (int i = 0; i < branches.size(); i++) {
            String path = reach.devices().get(i).path();
            if (path != null) {
                for (String hop : path.split(",")) {
                    URI route = resources.factory().createAddress(hop.trim()).getURI();
                    if (route instanceof SipURI) {
                        branches.get(i).getRequest().pushRoute((SipURI) route);
                    }
                }
            }
        }
        proxy.startProxy();
    }
}
