package org.cpmserver.rest.deferred;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import org.cpmserver.admin.AdminAccount;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.rest.limits.RestLimits;
import org.cpmserver.rest.problem.Problem;
import org.cpmserver.subscriber.SubscriberDirectory;

/**
 * Who may read a user's deferred messages: the user, with HTTP Basic and the same password as
 * for SIP (user name {@code bob}, {@code bob@example.com} or {@code sip:bob@example.com}), and the
 * operator ({@code admin}). Missing or wrong credentials get 401 with a challenge. A user asking
 * for another user's messages gets exactly the 404 that an unknown user gets, so the API does not
 * tell who exists.
 */
@ApplicationScoped
public class DeferredAccess {

    static final String REALM = "cpm";

    @Inject
    AdminAccount admin;

    @Inject
    SubscriberDirectory directory;

    /**
     * The user whose messages the request may read.
     *
     * @throws javax.ws.rs.WebApplicationException with a 400, 401 or 404 problem otherwise
     */
    public SipAddress authorize(String authorization, String userParameter) {
        SipAddress target = address(userParameter);
        String[] basic = basic(authorization);
        if (basic == null) {
            throw unauthorized("HTTP Basic credentials of the user (or of admin) are required");
        }
        if (admin.accepts(basic[0], basic[1])) {
            if (!directory.exists(target)) {
                throw notFound();
            }
            return target;
        }
        SipAddress who;
        try {
            who = basic[0].contains("@") ? SipAddress.parse(basic[0].startsWith("sip:") ? basic[0] : "sip:" + basic[0])
                    : SipAddress.of(basic[0], target.domain());
        } catch (IllegalArgumentException e) {
            throw unauthorized("the user name is not a user of this server");
        }
        if (!directory.acceptsPassword(who, basic[1])) {
            throw unauthorized("user name or password is wrong");
        }
        if (!who.equals(target)) {
            throw notFound();
        }
        return target;
    }

    static SipAddress address(String user) {
        RestLimits.requireLength("user", user, RestLimits.URI_CHARS);
        try {
            return SipAddress.parse(user.contains(":") ? user : "sip:" + user);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("user: " + e.getMessage());
        }
    }

    /** The same answer for "no such user" and "not yours". */
    static javax.ws.rs.WebApplicationException notFound() {
        return new Problem(404, "Not Found", "no deferred messages for this user").asException();
    }

    private static String[] basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 ? new String[] {pair.substring(0, colon), pair.substring(colon + 1)} : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static javax.ws.rs.WebApplicationException unauthorized(String detail) {
        return new javax.ws.rs.WebApplicationException(detail, Response.fromResponse(
                new Problem(401, "Unauthorized", detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")
                .build());
    }
}
