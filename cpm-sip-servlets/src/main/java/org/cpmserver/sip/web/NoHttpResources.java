package org.cpmserver.sip.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The SIP module's context root ({@code /sip}) serves nothing over HTTP. As its default servlet
 * this answers every HTTP request there with the 404 problem document the REST API gives
 * (docs/api.md), instead of the container's HTML "File not found" from its static file servlet.
 */
@WebServlet(name = "no-http-resources", urlPatterns = "/")
public class NoHttpResources extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final byte[] NOT_FOUND = ("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
            + "\"detail\":\"the SIP application serves no HTTP resources\"}").getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("application/problem+json");
        response.setContentLength(NOT_FOUND.length);
        response.getOutputStream().write(NOT_FOUND);
    }
}
