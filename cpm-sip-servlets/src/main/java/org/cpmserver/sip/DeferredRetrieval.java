package org.cpmserver.sip;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.deferred.DeferredMessaging;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.deferred.DeferredXml;
import org.cpmserver.protocol.deferred.RetrievalRequest;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.RegisteredDevices;

/**
 * Pull-mode retrieval over SIP: a MESSAGE to the deferred messaging service
 * ({@code sip:deferred@<domain>}) whose {@value DeferredXml#RETRIEVE_TYPE} body names stored
 * messages. The sender is authenticated like any MESSAGE; only the user's own messages can be
 * named, and they go to the device that asks (named by its Contact, or the user's only device).
 * The answer is 200 once the delivery is queued, 404 naming the ids that match nothing (then
 * nothing is delivered), 400 naming what is wrong with the body.
 */
@ApplicationScoped
public class DeferredRetrieval implements SipUseCase {

    @Inject
    SipAuthentication authentication;

    @Inject
    DeferredMessaging deferred;

    @Inject
    RegisteredDevices registered;

    @Inject
    SipTrafficMetrics metrics;

    @Override
    public String method() {
        return "MESSAGE";
    }

    @Override
    public Set<String> acceptedContentTypes() {
        return Set.of(DeferredXml.RETRIEVE_TYPE);
    }

    @Override
    public Set<CpmIcsi> services() {
        return Set.of(); // retrieval is a function of the server, not a service of a user's device to advertise
    }

    @Override
    public boolean serves(RequestTarget target) {
        return target == RequestTarget.DEFERRED_SERVICE;
    }

    @Override
    public void handle(SipServletRequest request) throws IOException {
        Optional<SipAddress> user = authentication.sender(request, metrics::rejected);
        if (user.isEmpty()) {
            return;
        }
        SipAddress sender = user.get();
        String contentType = request.getContentType();
        boolean retrieval;
        try {
            retrieval = contentType != null && ContentType.parse(contentType).is(DeferredXml.RETRIEVE_TYPE);
        } catch (ProtocolException e) {
            retrieval = false;
        }
        if (!retrieval) {
            SipServletResponse response = request.createResponse(SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Media Type: the deferred messaging service takes " + DeferredXml.RETRIEVE_TYPE);
            response.setHeader("Accept", DeferredXml.RETRIEVE_TYPE);
            metrics.rejected(SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.send();
            return;
        }
        byte[] body = request.getRawContent();
        RetrievalRequest wanted;
        try {
            wanted = DeferredXml.parseRetrieval(body == null ? new byte[0] : body);
        } catch (ProtocolException e) {
            refuse(request, 400, e.reason());
            return;
        }
        Optional<Device> device = requestingDevice(request, user.get());
        if (device.isEmpty()) {
            refuse(request, 480, "Temporarily Unavailable: name the registered device to deliver to in Contact");
            return;
        }
        List<String> unknown = deferred.retrieve(device.get(), wanted.ids());
        if (!unknown.isEmpty()) {
            refuse(request, 404, "Not Found: no stored message " + String.join(", ", unknown.subList(0, Math.min(3, unknown.size())))
                    + (unknown.size() > 3 ? " and " + (unknown.size() - 3) + " more" : ""));
            return;
        }
        request.createResponse(SipServletResponse.SC_OK).send();
    }

    /**
     * The device that asks: the registered device its Contact names (by {@code +sip.instance} or
     * contact URI), else the user's only registered device.
     */
    private Optional<Device> requestingDevice(SipServletRequest request, SipAddress user) {
        List<Device> devices = registered.of(user);
        try {
            Address contact = request.getAddressHeader("Contact");
            if (contact != null) {
                String instance = unquote(contact.getParameter("+sip.instance"));
                String uri = contact.getURI().toString();
                int q = uri.indexOf('?');
                String contactUri = q < 0 ? uri : uri.substring(0, q);
                return devices.stream().filter(d -> instance != null ? instance.equals(d.instanceId())
                        : contactUri.equals(d.contactUri())).findFirst();
            }
        } catch (ServletParseException | IllegalStateException e) {
            return Optional.empty();
        }
        return devices.size() == 1 ? Optional.of(devices.get(0)) : Optional.empty();
    }

    private static String unquote(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.trim();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("<") && v.endsWith(">") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private void refuse(SipServletRequest request, int status, String reason) throws IOException {
        metrics.rejected(status);
        request.createResponse(status, reason).send();
    }
}
