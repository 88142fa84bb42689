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
import org.cpmserver.participating.SubscriberAuthentication;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * The SIP face of subscriber authentication: reads the credentials of a request and, when they
 * do not authenticate it, answers it (401/407 challenge, 403, 400 or 503) so the use case can
 * simply stop. A registrar challenges with 401/WWW-Authenticate, a proxy-like service with
 * 407/Proxy-Authenticate (RFC 3261 §22.1).
 */
@ApplicationScoped
public class SipAuthentication {

    /** Which role challenges. */
    public enum Role { REGISTRAR, PROXY }

    @Inject
    SubscriberAuthentication authentication;

    @Inject
    SipTrafficMetrics metrics;

    /** The authenticated user, or empty when the request has been answered. */
    public Optional<SipAddress> authenticate(SipServletRequest request, String realm, Role role) throws IOException {
        List<String> credentials = new ArrayList<>();
        ListIterator<String> values = request.getHeaders(role == Role.REGISTRAR ? "Authorization" : "Proxy-Authorization");
        while (values.hasNext()) {
            credentials.add(values.next());
        }
        SubscriberAuthentication.Verdict verdict = authentication.verify(request.getMethod(), realm, credentials);
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
