package org.cpmserver.rest.admin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.RegisteredDevices;
import org.cpmserver.rest.limits.BodyLimit;
import org.cpmserver.rest.limits.RestLimits;
import org.cpmserver.rest.problem.Problem;
import org.cpmserver.subscriber.SubscriberDirectory;
import org.cpmserver.subscriber.SubscriberException;
import org.cpmserver.subscriber.User;
import org.cpmserver.subscriber.UserRemoval;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** Provisioning of users and the view of their registered devices (operator API). */
@Path("/admin/v1/users")
@RequestScoped
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
@SecurityRequirement(name = "admin")
public class UsersResource {

    @Inject
    SubscriberDirectory directory;

    @Inject
    RegisteredDevices registered;

    @Inject
    UserRemoval removal;

    /** Body of {@code POST /admin/v1/users}. */
    public static class NewUser {
        @Schema(required = true, maxLength = RestLimits.URI_CHARS)
        public String uri;
        @Schema(required = true, maxLength = RestLimits.PASSWORD_CHARS)
        public String password;
        @Schema(maxLength = RestLimits.DISPLAY_NAME_CHARS)
        public String displayName;
    }

    /** A user as the API shows it: never any credential. */
    public static class UserView {
        public String uri;
        public String displayName;
        public Instant createdAt;

        static UserView of(User s) {
            UserView v = new UserView();
            v.uri = s.address().uri();
            v.displayName = s.displayName();
            v.createdAt = s.createdAt();
            return v;
        }
    }

    /** One page of users. */
    public static class UserPage {
        public List<UserView> users;
        public int offset;
        public int limit;
        public long total;
    }

    /** A registered device. */
    public static class DeviceView {
        public String instanceId;
        public String contact;
        public String path;
        public String featureTags;
        public List<String> services;
        public String source;
        public Instant registeredAt;
        public Instant expiresAt;

        static DeviceView of(Device d) {
            DeviceView v = new DeviceView();
            v.instanceId = d.instanceId();
            v.contact = d.contactUri();
            v.path = d.path();
            v.featureTags = d.featureTags();
            v.services = d.services().stream().map(s -> s.urn()).sorted().collect(Collectors.toList());
            v.source = d.source();
            v.registeredAt = d.registeredAt();
            v.expiresAt = d.expiresAt();
            return v;
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(RestLimits.USER_BODY_BYTES)
    @Operation(summary = "Provision a user: its SIP address, digest password and display name")
    public Response create(NewUser body) {
        if (body == null || body.uri == null || body.password == null) {
            return new Problem(400, "Bad Request", "uri and password are required").toResponse();
        }
        RestLimits.requireLength("password", body.password, RestLimits.PASSWORD_CHARS);
        RestLimits.requireLength("displayName", body.displayName, RestLimits.DISPLAY_NAME_CHARS);
        try {
            User s = directory.provision(address(body.uri), body.password, body.displayName);
            return Response.created(URI.create("/admin/v1/users/" + s.address().uri())).entity(UserView.of(s)).build();
        } catch (SubscriberException e) {
            return problem(e);
        }
    }

    @GET
    @Operation(summary = "List users, ordered by address, a page at a time")
    public Response list(@QueryParam("offset") @DefaultValue("0") String offsetText,
            @QueryParam("limit") @DefaultValue("50") String limitText) {
        int offset = RestLimits.requireNumber("offset", offsetText, 0, Integer.MAX_VALUE);
        int limit = RestLimits.requireNumber("limit", limitText, 1, RestLimits.USERS_PAGE);
        UserPage page = new UserPage();
        page.users = directory.list(offset, limit).stream().map(UserView::of).collect(Collectors.toList());
        page.offset = offset;
        page.limit = limit;
        page.total = directory.count();
        return Response.ok(page).build();
    }

    @GET
    @Path("{uri}")
    @Operation(summary = "One user")
    public Response get(@PathParam("uri") String uri) {
        SipAddress aor = address(uri);
        return directory.find(aor).map(s -> Response.ok(UserView.of(s)).build())
                .orElseGet(() -> new Problem(404, "Not Found", aor.uri() + " does not exist").toResponse());
    }

    @DELETE
    @Path("{uri}")
    @Operation(summary = "Remove a user, its registrations, preferences and the messages waiting for it")
    public Response delete(@PathParam("uri") String uri) {
        SipAddress aor = address(uri);
        try {
            removal.remove(aor);
            return Response.noContent().build();
        } catch (SubscriberException e) {
            return problem(e);
        }
    }

    @GET
    @Path("{uri}/devices")
    @Operation(summary = "The user's registered devices and their capabilities")
    public Response devices(@PathParam("uri") String uri) {
        SipAddress aor = existing(directory, uri);
        return Response.ok(registered.of(aor).stream().map(DeviceView::of).collect(Collectors.toList())).build();
    }

    /** The address in a request, or a 400 naming what is wrong with it. */
    static SipAddress address(String uri) {
        RestLimits.requireLength("uri", uri, RestLimits.URI_CHARS);
        try {
            return SipAddress.parse(uri);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("uri: " + e.getMessage());
        }
    }

    /** The address of a provisioned user, or a 400/404 problem. */
    static SipAddress existing(SubscriberDirectory directory, String uri) {
        SipAddress aor = address(uri);
        if (!directory.exists(aor)) {
            throw new Problem(404, "Not Found", aor.uri() + " does not exist").asException();
        }
        return aor;
    }

    private static Response problem(SubscriberException e) {
        if (e instanceof SubscriberException.Exists) {
            return new Problem(409, "Conflict", e.getMessage()).toResponse();
        }
        if (e instanceof SubscriberException.NotFound) {
            return new Problem(404, "Not Found", e.getMessage()).toResponse();
        }
        return new Problem(400, "Bad Request", e.getMessage()).toResponse();
    }
}
