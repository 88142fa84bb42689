package org.cpmserver.rest.problem;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.RequestDispatcher;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The error page of this web module (web.xml): whatever the container answers with an error of its
 * own (an exception that escaped JAX-RS, a {@code sendError}) becomes a problem document instead
 * of the container's HTML. Asked for directly, it is just another path with nothing on it.
 */
@WebServlet(name = "problem-error-page", urlPatterns = ProblemErrorServlet.PATH)
public class ProblemErrorServlet extends HttpServlet {

    static final String PATH = "/.problem";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProblemErrorServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer)) {
            ContainerErrors.write(response, 404, ContainerErrors.usualDetail(404, null, null));
            return;
        }
        int status = (Integer) code;
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status >= 500) {
            if (thrown instanceof Throwable) {
                LOG.log(Level.SEVERE, "unexpected failure in an HTTP request", (Throwable) thrown);
            }
            // never the container's message: it may name classes and files of the server
            ContainerErrors.write(response, status, "the server failed to process the request; see its log");
            return;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        ContainerErrors.write(response, status,
                message instanceof String && !((String) message).isBlank() ? (String) message : ContainerErrors.title(status));
    }
}
