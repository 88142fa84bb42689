package org.cpmserver.rest.problem;

import java.io.IOException;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.annotation.WebFilter;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The two container-made errors of this web module that pass through it without a problem body:
 * a query string with a malformed percent-encoding (CXF would fail with a 500 when a resource
 * reads a parameter) and an error status that JAX-RS set without writing a body (CXF's 415 for a
 * Content-Type with an unknown charset). Errors the container sends itself reach
 * {@link ProblemErrorServlet} through the error page of web.xml.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ProblemFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!ContainerErrors.decodes(request.getQueryString())) {
            ContainerErrors.write(response, 400, "the query string has a malformed percent-encoding (RFC 3986 §2.1)");
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() >= 400 && response.getContentType() == null && !response.isCommitted()
                && !request.isAsyncStarted()) {
            int status = response.getStatus();
            String detail = ContainerErrors.usualDetail(status, request.getMethod(), ContainerErrors.title(status));
            ContainerErrors.write(response, status, detail);
        }
    }
}
