package org.cpmserver.rest.problem;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.json.bind.JsonbException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import javax.ws.rs.ext.Provider;

/** Turns every failure into {@code application/problem+json} (RFC 7807), never an HTML page. */
public final class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class.getName());

    private ProblemMappers() {
    }

    /** Errors raised by JAX-RS itself (404 no resource, 405, 406, 415) or by resources. */
    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {

        @Context
        Request request;

        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original.getEntity() instanceof Problem) {
                return original; // raised by our own code with its detail already written
            }
            int status = original.getStatus();
            String detail = ContainerErrors.usualDetail(status, request == null ? null : request.getMethod(), e.getMessage());
            // keep the original headers (Allow on 405, WWW-Authenticate on 401), replace the body
            return Response.fromResponse(original).type(Problem.MEDIA)
                    .entity(new Problem(status, original.getStatusInfo().getReasonPhrase(), detail))
                    .build();
        }
    }

    /** A request body that is not the JSON the resource expects. */
    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonbException> {
        @Override
        public Response toResponse(JsonbException e) {
            return new Problem(400, "Bad Request", "malformed JSON body: " + e.getMessage()).toResponse();
        }
    }

    /** Anything else is our fault: log it, and do not leak internals to the caller. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {

        @Context
        Request request;

        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException) {
                WebApplication mapper = new WebApplication();
                mapper.request = request;
                return mapper.toResponse((WebApplicationException) e);
            }
            LOG.log(Level.SEVERE, "unexpected failure in a REST request", e);
            return new Problem(500, "Internal Server Error", "the server failed to process the request; see its log")
                    .toResponse();
        }
    }
}
