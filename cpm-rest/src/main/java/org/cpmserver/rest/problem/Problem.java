package org.cpmserver.rest.problem;

import java.net.URI;
import javax.json.bind.annotation.JsonbPropertyOrder;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/** An RFC 7807 problem detail, the body of every error the REST API returns. */
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance"})
public class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    private URI type = URI.create("about:blank");
    private String title;
    private int status;
    private String detail;
    private URI instance;

    public Problem() {
    }

    public Problem(int status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }

    /** This problem as an exception, for code that finds it deep in a resource method. */
    public javax.ws.rs.WebApplicationException asException() {
        return new javax.ws.rs.WebApplicationException(detail, toResponse());
    }

    /** A 400 whose detail says what was wrong with the request. */
    public static javax.ws.rs.WebApplicationException badRequest(String detail) {
        return new Problem(400, "Bad Request", detail).asException();
    }

    public URI getType() {
        return type;
    }

    public void setType(URI type) {
        this.type = type;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public int getStatus() {
        return status;
    }

    public void setStatus(int status) {
        this.status = status;
    }

    public String getDetail() {
        return detail;
    }

    public void setDetail(String detail) {
        this.detail = detail;
    }

    public URI getInstance() {
        return instance;
    }

    public void setInstance(URI instance) {
        this.instance = instance;
    }
}
