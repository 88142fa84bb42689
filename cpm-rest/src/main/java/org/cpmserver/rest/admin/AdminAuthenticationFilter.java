package org.cpmserver.rest.admin;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.annotation.Priority;
import javax.inject.Inject;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.ext.Provider;
import org.cpmserver.admin.AdminAccount;
import org.cpmserver.rest.problem.Problem;

/** HTTP Basic for {@link AdminApi} resources; a refusal is a 401 problem document with a challenge. */
@Provider
@AdminApi
@Priority(Priorities.AUTHENTICATION)
public class AdminAuthenticationFilter implements ContainerRequestFilter {

    @Inject
    AdminAccount account;

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                if (colon > 0 && account.accepts(pair.substring(0, colon), pair.substring(colon + 1))) {
                    return;
                }
            } catch (IllegalArgumentException notBase64) {
                // falls through to the refusal
            }
        }
        request.abortWith(javax.ws.rs.core.Response.fromResponse(
                new Problem(401, "Unauthorized", "the admin API needs HTTP Basic credentials of user 'admin'").toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"cpm-admin\", charset=\"UTF-8\"")
                .build());
    }
}
