package org.cpmserver.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.participating.SubscriberAuthentication;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * Who sent a request. Standalone mode: digest credentials, and when they do not authenticate the
 * request it is answered here (401/407 challenge, 403, 400 or 503) so the use case can simply
 * stop; a registrar challenges with 401/WWW-Authenticate, a proxy-like service with
 * 407/Proxy-Authenticate (RFC 3261 §22.1). IMS mode: only a trusted S-CSCF may send requests,
 * and the identity is the one it asserts (RFC 3325 P-Asserted-Identity; for a third-party
 * REGISTER, the registered address itself).
 */
@ApplicationScoped
public class SipAuthentication {

    /** Which role challenges. */
    public enum Role { REGISTRAR, PROXY }

    @Inject
    SubscriberAuthentication authentication;

    @Inject
    SipTrafficMetrics metrics;

    @Inject
    CpmSettings settings;

    /**
     * The user who sent the request, or empty when the request has been answered.
     *
     * @param claimed the address the request speaks for (From of a MESSAGE, To of a REGISTER)
     */
    public Optional<SipAddress> authenticate(SipServletRequest request, SipAddress claimed, Role role) throws IOException {
        if (settings.imsMode()) {
            return asserted(request, claimed, role);
        }
        return digest(request, claimed.domain(), role);
    }

    /**
     * The sender of a MESSAGE-like request (From), once it is a user of a served domain, is
     * authenticated, and is the authenticated user; otherwise empty, and the request has been
     * answered (400, 403, or the challenge), with {@code refused} told each status this method
     * sent itself.
     */
    public Optional<SipAddress> sender(SipServletRequest request, java.util.function.IntConsumer refused) throws IOException {
        SipAddress sender;
        try {
            sender = SipAddress.parse(request.getFrom().getURI().toString());
        } catch (IllegalArgumentException e) {
            refused.accept(SipServletResponse.SC_BAD_REQUEST);
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad From: not a user address").send();
            return Optional.empty();
        }
        if (!settings.servesDomain(sender.domain())) {
            refused.accept(SipServletResponse.SC_FORBIDDEN);
            request.createResponse(SipServletResponse.SC_FORBIDDEN, "Forbidden: the sender's domain is not served here").send();
            return Optional.empty();
        }
        Optional<SipAddress> user = authenticate(request, sender, Role.PROXY);
        if (user.isEmpty()) {
            return user;
        }
        if (!user.get().equals(sender)) {
            refused.accept(SipServletResponse.SC_FORBIDDEN);
            request.createResponse(SipServletResponse.SC_FORBIDDEN,
                    "Forbidden: From does not match the " + (settings.imsMode() ? "asserted" : "authenticated") + " user").send();
            return Optional.empty();
        }
        return user;
    }

    private Optional<SipAddress> asserted(SipServletRequest request, SipAddress claimed, Role role) throws IOException {
        if (!settings.isTrustedSource(request.getRemoteAddr(), request.getRemotePort())) {
            forbid(request, "Forbidden: not a trusted S-CSCF");
            return Optional.empty();
        }
        if (role == Role.REGISTRAR) {
            return Optional.of(claimed); // a third-party REGISTER: the S-CSCF registered the user
        }
        try {
            javax.servlet.sip.Address pai = request.getAddressHeader("P-Asserted-Identity");
            if (pai == null) {
                forbid(request, "Forbidden: no P-Asserted-Identity");
                return Optional.empty();
            }
            return Optional.of(SipAddress.parse(pai.getURI().toString()));
        } catch (javax.servlet.sip.ServletParseException | IllegalArgumentException e) {
            metrics.rejected(SipServletResponse.SC_BAD_REQUEST);
            request.createResponse(SipServletResponse.SC_BAD_REQUEST, "Bad P-Asserted-Identity").send();
            return Optional.empty();
        }
    }

    private void forbid(SipServletRequest request, String reason) throws IOException {
        metrics.rejected(SipServletResponse.SC_FORBIDDEN);
        request.createResponse(SipServletResponse.SC_FORBIDDEN, reason).send();
    }

    /**
     * Whether {@link #authenticate} would answer {@code request} with a challenge because it
     * carries no credentials at all (standalone mode; in IMS mode nothing is challenged).
     */
    public boolean wouldChallenge(SipServletRequest request, Role role) {
        return !settings.imsMode() && request.getHeader(credentialsHeader(role)) == null;
    }

    /** RFC 3261 §22: a registrar challenges with 401 and reads Authorization; a proxy-like service, 407 and Proxy-Authorization. */
    private static String credentialsHeader(Role role) {
        return role == Role.REGISTRAR ? "Authorization" : "Proxy-Authorization";
    }

    private Optional<SipAddress> digest(SipServletRequest request, String realm, Role role) throws IOException {
        List<String> credentials = new ArrayList<>();
        ListIterator<String> values = request.getHeaders(credentialsHeader(role));
        while (values.hasNext()) {
            credentials.add(values.next());
        }
        SubscriberAuthentication.Verdict verdict = authentication.verify(request.getMethod(), realm, credentials,
                request.getHeader("User-Agent"));
        switch (verdict.kind()) {
            case AUTHENTICATED:
                return Optional.of(verdict.user());
            case CHALLENGE: {
                boolean registrar = role == Role.REGISTRAR;
                SipServletResponse challenge = request.createResponse(registrar
                        ? SipServletResponse.SC_UNAUTHORIZED : SipServletResponse.SC_PROXY_AUTHENTICATION_REQUIRED);
                for (String value : verdict.challenges()) {
                    challenge.addHeader(registrar ? "WWW-Authenticate" : "Proxy-Authenticate", value);
                }
                challenge.send();
                return Optional.empty();
            }
            case UNAVAILABLE: {
                metrics.rejected(SipServletResponse.SC_SERVICE_UNAVAILABLE);
                SipServletResponse busy = request.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, verdict.reason());
                busy.setHeader("Retry-After", "5");
                busy.send();
                return Optional.empty();
            }
            case BAD_REQUEST:
                metrics.rejected(SipServletResponse.SC_BAD_REQUEST);
                request.createResponse(SipServletResponse.SC_BAD_REQUEST, verdict.reason()).send();
                return Optional.empty();
            default:
                metrics.rejected(SipServletResponse.SC_FORBIDDEN);
                request.createResponse(SipServletResponse.SC_FORBIDDEN, verdict.reason()).send();
                return Optional.empty();
        }
    }
}
