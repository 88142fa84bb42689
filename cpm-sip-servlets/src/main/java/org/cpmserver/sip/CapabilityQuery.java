package org.cpmserver.sip;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.capability.FeatureTags;

/**
 * OPTIONS (RFC 3261 §11, RFC 3840 §8): answers 200 with what the deployment supports. The CPM
 * services are advertised as {@code +g.3gpp.icsi-ref} on the Contact, as RCS/CPM clients expect
 * in a capability query.
 */
@ApplicationScoped
public class CapabilityQuery implements SipUseCase {

    @Inject
    SipCapabilities capabilities;

    @Inject
    SipResources resources;

    @Inject
    CpmSettings settings;

    /**
     * The server answers for itself and its service addresses; for a user only in IMS mode, where
     * the S-CSCF sends the query on to the user's own devices and this AS answers for the service
     * (in standalone mode {@link CapabilityForwarding} asks the user's devices).
     */
    @Override
    public boolean serves(RequestTarget target) {
        return target != RequestTarget.USER || settings.imsMode();
    }

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
    public void handle(SipServletRequest request) throws IOException, ServletParseException {
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        ok.setHeader("Allow", capabilities.allow());
        ok.setHeader("Accept", capabilities.accept());
        ok.setHeader("Accept-Encoding", "identity");
        ok.setHeader("Accept-Language", "en");
        if (!capabilities.supported().isEmpty()) {
            ok.setHeader("Supported", capabilities.supported());
        }
        // JSR 289 §5.4.3 lets the application set Contact on a 200 to OPTIONS: it carries the
        // feature tags (RFC 3840 §8) and points at the listener the query arrived on.
        String host = request.getLocalAddr().indexOf(':') >= 0 ? "[" + request.getLocalAddr() + "]" : request.getLocalAddr();
        Address contact = resources.factory().createAddress("<sip:" + host + ":" + request.getLocalPort() + ";transport="
                + request.getTransport().toLowerCase(Locale.ROOT) + ">");
        if (!capabilities.services().isEmpty()) {
            // set as a parameter, not parsed from text: the container would un-escape the %3A that
            // 3GPP TS 24.229 requires inside the quoted URN list (it adds the quotes itself)
            contact.setParameter(FeatureTags.ICSI_REF, FeatureTags.icsiRefList(capabilities.services()));
        }
        ok.setAddressHeader("Contact", contact);
        ok.send();
    }
}
