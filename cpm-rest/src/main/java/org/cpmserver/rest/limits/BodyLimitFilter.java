package org.cpmserver.rest.limits;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.ext.Provider;
import org.cpmserver.rest.problem.Problem;

/**
 * Refuses a request body over its {@link BodyLimit} with 413: at once when {@code Content-Length}
 * says so, and for a chunked body after reading one byte past the limit, so no body is held
 * beyond its limit. A body within a declared length is left to stream as it is.
 */
@Provider
// after the admin API's authentication: a caller without credentials makes the server read nothing
@Priority(Priorities.AUTHORIZATION)
public class BodyLimitFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        int limit = limitOf(resource.getResourceMethod());
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (BoundedBody.declaredOver(declared, limit)) {
            request.abortWith(tooLarge(limit));
            return;
        }
        if (declared == null && request.getHeaderString("Transfer-Encoding") != null) {
            try {
                request.setEntityStream(new ByteArrayInputStream(BoundedBody.read(request.getEntityStream(), limit)));
            } catch (BoundedBody.TooLarge e) {
                request.abortWith(tooLarge(limit));
            } catch (IOException unreadable) {
                // a broken chunked encoding is the client's fault, not a 500
                request.abortWith(new Problem(400, "Bad Request", "the request body could not be read: its chunked "
                        + "transfer coding is malformed or the connection ended").toResponse());
            }
        }
    }

    static int limitOf(Method method) {
        BodyLimit limit = method == null ? null : method.getAnnotation(BodyLimit.class);
        return limit == null ? RestLimits.OTHER_BODY_BYTES : limit.value();
    }

    private static javax.ws.rs.core.Response tooLarge(int limit) {
        return new Problem(413, "Payload Too Large", "the body of this request may have at most " + limit + " bytes")
                .toResponse();
    }
}
