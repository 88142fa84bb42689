package org.cpmserver.rest.problem;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.json.bind.Jsonb;
import javax.json.bind.JsonbBuilder;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.Response;

/**
 * Problem documents for the errors that the servlet container or JAX-RS raise themselves: written
 * below JAX-RS by {@link ProblemFilter} and {@link ProblemErrorServlet}, and given a useful
 * detail by {@link ProblemMappers}.
 */
final class ContainerErrors {

    /** Created on the first problem written, not when the filter class loads. */
    private static final class Json {
        static final Jsonb INSTANCE = JsonbBuilder.create();
    }

    private ContainerErrors() {
    }

    /**
     * What to tell the client about an error raised by the container or by JAX-RS itself, whose
     * own messages only repeat the status ("HTTP 405 Method Not Allowed").
     *
     * @param method the request's method, or null
     * @param otherwise the detail for any other status
     */
    static String usualDetail(int status, String method, String otherwise) {
        switch (status) {
            case 404:
                return "no resource at this path";
            case 405:
                return (method == null ? "this method" : method) + " is not allowed here; the Allow header lists the methods that are";
            case 406:
                return "this resource cannot answer in a media type the Accept header allows";
            case 415:
                return "this resource does not take a body of this Content-Type";
            default:
                return otherwise;
        }
    }

    /** The JAX-RS reason phrase, so container errors get the titles JAX-RS errors get. */
    static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : status >= 500 ? "Server Error" : "Client Error";
    }

    static void write(HttpServletResponse response, int status, String detail) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        // JSON is UTF-8 by definition (RFC 8259 §8.1): no charset parameter, as JAX-RS sends it
        response.setContentType(Problem.MEDIA_TYPE);
        byte[] body = Json.INSTANCE.toJson(new Problem(status, title(status), detail)).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Whether a raw query string decodes: JAX-RS (CXF) decodes it only when a resource reads a
     * parameter, and then fails with an {@link IllegalArgumentException} that would be a 500.
     */
    static boolean decodes(String rawQuery) {
        if (rawQuery == null) {
            return true;
        }
        try {
            URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
            return true;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
