package org.cpmserver.sip;

import java.io.IOException;
import java.util.Set;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
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
    public void handle(SipServletRequest request) throws IOException {
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        ok.setHeader("Allow", capabilities.allow());
        ok.setHeader("Accept", capabilities.accept());
        ok.setHeader("Accept-Encoding", "identity");
        ok.setHeader("Accept-Language", "en");
        // JSR 289 §5.4.3 lets the application set Contact on a 200 to OPTIONS: it carries the
        // feature tags (RFC 3840 §8) and points at the listener the query arrived on.
        String host = request.getLocalAddr().indexOf(':') >= 0 ? "[" + request.getLocalAddr() + "]" : request.getLocalAddr();
        String contact = "<sip:" + host + ":" + request.getLocalPort() + ";transport="
                + request.getTransport().toLowerCase(java.util.Locale.ROOT) + ">";
        if (!capabilities.services().isEmpty()) {
            contact += ";" + FeatureTags.ICSI_REF + "=" + FeatureTags.icsiRefValue(capabilities.services());
        }
        ok.setHeader("Contact", contact);
        ok.send();
    }
}
