package org.cpmserver.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.URI;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.capability.FeatureTags;
import org.cpmserver.protocol.mime.BodyPart;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.Multipart;
import org.cpmserver.protocol.sip.ContactHeader;
import org.cpmserver.protocol.sip.EmbeddedSipMessage;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.BindingUpdate;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.Registrar;
import org.cpmserver.registrar.RegistrationRefused;

/**
 * REGISTER in standalone mode (RFC 3261 §10.3): the server is the registrar of its domains.
 * Authenticates the user (401), checks that it registers its own address (403), then hands the
 * contacts to the {@link Registrar}; the 200 lists every current binding with its expiry.
 */
@ApplicationScoped
public class Registration implements SipUseCase {

    @Inject
    SipAuthentication authentication;

    @Inject
    Registrar registrar;

    @Inject
    CpmSettings settings;

    /** REGISTER names the domain (RFC 3261 §10.2), but clients that put their own AoR there are served too. */
    @Override
    public boolean serves(RequestTarget target) {
        return true;
    }

    @Override
    public String method() {
        return "REGISTER";
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
        SipAddress aor;
        try {
            aor = SipAddress.parse(request.getTo().getURI().toString());
        } catch (IllegalArgumentException e) {
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad To: not a user address").send();
            return;
        }
        Optional<SipAddress> user = authentication.authenticate(request, aor, SipAuthentication.Role.REGISTRAR);
        if (user.isEmpty()) {
            return;
        }
        if (!user.get().equals(aor)) {
            request.createResponse(SipServletResponse.SC_FORBIDDEN,
                    "Forbidden: credentials of " + user.get() + " cannot register " + aor).send();
            return;
        }
        BindingUpdate update;
        try {
            update = settings.imsMode() ? thirdParty(request, aor) : bindingUpdate(request, aor);
        } catch (ProtocolException e) {
            request.createResponse(e.statusCode(), e.reason()).send();
            return;
        } catch (IllegalArgumentException e) {
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad Contact: " + e.getMessage()).send();
            return;
        }
        List<Device> devices;
        try {
            devices = registrar.update(update);
        } catch (RegistrationRefused refused) {
            SipServletResponse response;
            switch (refused.reason()) {
                case INTERVAL_TOO_BRIEF:
                    // RFC 3261 §10.3 step 7
                    response = request.createResponse(SipServletResponse.SC_INTERVAL_TOO_BRIEF, "Interval Too Brief");
                    response.setHeader("Min-Expires", refused.minExpires().toString());
                    break;
                case OUT_OF_ORDER:
                    // RFC 3261 §10.3 step 7: a lower CSeq for the same Call-ID is refused with 500
                    response = request.createResponse(SipServletResponse.SC_SERVER_INTERNAL_ERROR,
                            "Server Internal Error: " + refused.getMessage());
                    break;
                default:
                    response = request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad Request: " + refused.getMessage());
            }
            response.send();
            return;
        }
        SipServletResponse ok = request.createResponse(SipServletResponse.SC_OK);
        long now = System.currentTimeMillis();
        for (Device d : devices) {
            long left = Math.max(0, (d.expiresAt().toEpochMilli() - now) / 1000);
            StringBuilder contact = new StringBuilder("<").append(d.contactUri()).append(">;expires=").append(left);
            if (d.instanceId() != null) {
                contact.append(";+sip.instance=\"").append(d.instanceId()).append('"');
            }
            ok.addHeader("Contact", contact.toString());
        }
        ok.setHeader("Date", java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)));
        ok.send();
    }

    private static BindingUpdate bindingUpdate(SipServletRequest request, SipAddress aor) throws IOException {
        List<BindingUpdate.ContactBinding> contacts = new ArrayList<>();
        boolean wildcard = false;
        try {
            ListIterator<Address> it = request.getAddressHeaders("Contact");
            while (it.hasNext()) {
                Address a = it.next();
                if (a.isWildcard()) {
                    wildcard = true;
                    continue;
                }
                int expires = a.getExpires();
                contacts.add(new BindingUpdate.ContactBinding(uriWithoutHeaders(a.getURI()),
                        expires >= 0 ? OptionalInt.of(expires) : OptionalInt.empty(),
                        instanceId(a.getParameter("+sip.instance")), featureTags(a)));
            }
        } catch (javax.servlet.sip.ServletParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        int expiresHeader = request.getExpires();
        List<String> path = new ArrayList<>();
        ListIterator<String> paths = request.getHeaders("Path");
        while (paths.hasNext()) {
            path.add(paths.next());
        }
        String source = request.getTransport().toLowerCase(Locale.ROOT) + ":" + request.getRemoteAddr() + ":" + request.getRemotePort();
        return new BindingUpdate(aor, contacts, wildcard, expiresHeader >= 0 ? OptionalInt.of(expiresHeader) : OptionalInt.empty(),
                request.getCallId(), cseq(request), path.isEmpty() ? null : String.join(", ", path),
                source);
    }

    /**
     * A third-party REGISTER from the S-CSCF (3GPP TS 24.229 §5.4.1.7): its Contact is the
     * S-CSCF itself. The user becomes reachable at its own address, routed through that S-CSCF,
     * which forks to the user's devices.
     */
    private static BindingUpdate thirdParty(SipServletRequest request, SipAddress aor) throws IOException {
        BindingUpdate registered = bindingUpdate(request, aor);
        Optional<String> ueTags = embeddedFeatureTags(request);
        List<BindingUpdate.ContactBinding> contacts = new ArrayList<>();
        String route = null;
        try {
            ListIterator<Address> it = request.getAddressHeaders("Contact");
            while (it.hasNext()) {
                Address scscf = it.next();
                if (scscf.isWildcard()) {
                    continue;
                }
                int expires = scscf.getExpires();
                String uri = uriWithoutHeaders(scscf.getURI());
                route = "<" + (uri.contains(";lr") ? uri : uri + ";lr") + ">";
                contacts.add(new BindingUpdate.ContactBinding(aor.uri(),
                        expires >= 0 ? OptionalInt.of(expires) : OptionalInt.empty(), null,
                        ueTags.orElseGet(() -> featureTags(scscf))));
            }
        } catch (javax.servlet.sip.ServletParseException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        return registered.withContacts(contacts, route);
    }

    private static long cseq(SipServletRequest request) {
        String cseq = request.getHeader("CSeq");
        return Long.parseLong(cseq.trim().split("\\s+")[0]);
    }

    private static String uriWithoutHeaders(URI uri) {
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q);
    }

    private static String instanceId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String v = raw.trim();
        if (v.startsWith("\"") && v.endsWith("\"") && v.length() >= 2) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1);
        }
        if (v.isEmpty() || v.length() > 255) {
            throw new IllegalArgumentException("+sip.instance must be a URN of at most 255 characters");
        }
        return v;
    }

    private static String featureTags(Address contact) {
        Map<String, String> parameters = new LinkedHashMap<>();
        Iterator<String> names = contact.getParameterNames();
        while (names.hasNext()) {
            String name = names.next();
            parameters.put(name, contact.getParameter(name));
        }
        return FeatureTags.ofContactParameters(parameters);
    }

    /**
     * The UE's own feature tags from the REGISTER (or its 200) that the S-CSCF embedded as
     * {@code message/sip}, alone or in a multipart/mixed body (3GPP TS 24.229 §5.4.1.7); empty
     * when the third-party REGISTER carries none, and then the S-CSCF Contact's tags are used.
     */
    private static Optional<String> embeddedFeatureTags(SipServletRequest request) throws IOException {
        byte[] body = request.getRawContent();
        String type = request.getContentType();
        if (body == null || body.length == 0 || type == null) {
            return Optional.empty();
        }
        ContentType contentType = ContentType.parse(type);
        List<byte[]> messages = new ArrayList<>();
        if (contentType.is("message/sip")) {
            messages.add(body);
        } else if (contentType.is("multipart/mixed")) {
            for (BodyPart part : Multipart.parse(contentType, body).parts()) {
                if (part.contentType().map(t -> t.is("message/sip")).orElse(false)) {
                    messages.add(part.body());
                }
            }
        }
        if (messages.isEmpty()) {
            return Optional.empty();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (byte[] message : messages) {
            for (ContactHeader.Contact contact : EmbeddedSipMessage.parse(message).contacts()) {
                String t = FeatureTags.ofContactParameters(contact.parameters());
                if (!t.isEmpty()) {
                    tags.addAll(List.of(t.split(";")));
                }
            }
        }
        return Optional.of(String.join(";", tags));
    }
}
