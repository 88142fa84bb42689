package org.cpmserver.rest.admin;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.cpmserver.preferences.PreferencesService;
import org.cpmserver.preferences.UserPreferences;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.rest.limits.BodyLimit;
import org.cpmserver.rest.limits.RestLimits;
import org.cpmserver.rest.problem.Problem;
import org.cpmserver.subscriber.SubscriberDirectory;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** A user's messaging preferences: blocked senders, accepted content types, size limit, deferred push or pull. */
@Path("/admin/v1/users/{uri}/preferences")
@RequestScoped
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "admin")
public class PreferencesResource {

    @Inject
    SubscriberDirectory directory;

    @Inject
    PreferencesService preferences;

    /** The JSON form of {@link UserPreferences}. */
    public static class PreferencesView {
        @Schema(maxItems = RestLimits.BLOCKED_SENDERS, description = "SIP addresses of at most "
                + RestLimits.URI_CHARS + " characters")
        public List<String> blockedSenders;
        @Schema(maxItems = RestLimits.CONTENT_TYPES, description = "type/subtype of at most "
                + RestLimits.CONTENT_TYPE_CHARS + " characters")
        public List<String> allowedContentTypes;
        @Schema(minimum = "1")
        public Integer maxMessageSize;
        /** {@code push} (default) or {@code pull}: how stored messages reach the user's devices. */
        @Schema(enumeration = {"push", "pull"})
        public String deferredDelivery;

        static PreferencesView of(UserPreferences p) {
            PreferencesView v = new PreferencesView();
            v.blockedSenders = p.blockedSenders().stream().map(SipAddress::uri).sorted().collect(Collectors.toList());
            v.allowedContentTypes = p.allowedContentTypes();
            v.maxMessageSize = p.maxMessageSize().isPresent() ? p.maxMessageSize().getAsInt() : null;
            v.deferredDelivery = p.deferredDelivery().name().toLowerCase(java.util.Locale.ROOT);
            return v;
        }
    }

    @GET
    @Operation(summary = "The user's messaging preferences")
    public Response get(@PathParam("uri") String uri) {
        SipAddress user = UsersResource.existing(directory, uri);
        return Response.ok(PreferencesView.of(preferences.of(user))).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @BodyLimit(RestLimits.PREFERENCES_BODY_BYTES)
    @Operation(summary = "Replace the user's messaging preferences")
    public Response put(@PathParam("uri") String uri, PreferencesView body) {
        SipAddress user = UsersResource.existing(directory, uri);
        if (body == null) {
            return new Problem(400, "Bad Request", "a preferences document is required").toResponse();
        }
        List<String> senders = RestLimits.requireSize("blockedSenders", body.blockedSenders, RestLimits.BLOCKED_SENDERS);
        List<String> types = RestLimits.requireSize("allowedContentTypes", body.allowedContentTypes, RestLimits.CONTENT_TYPES);
        UserPreferences parsed;
        try {
            Set<SipAddress> blocked = senders == null ? Set.of()
                    : senders.stream().map(PreferencesResource::sender).collect(Collectors.toSet());
            for (String t : types == null ? List.<String>of() : types) {
                RestLimits.requireLength("allowedContentTypes", t, RestLimits.CONTENT_TYPE_CHARS);
                if (t == null || !t.trim().matches("[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+")) {
                    throw new IllegalArgumentException("allowedContentTypes: not a media type: " + t);
                }
            }
            UserPreferences.DeferredDelivery delivery;
            if (body.deferredDelivery == null || "push".equals(body.deferredDelivery)) {
                delivery = UserPreferences.DeferredDelivery.PUSH;
            } else if ("pull".equals(body.deferredDelivery)) {
                delivery = UserPreferences.DeferredDelivery.PULL;
            } else {
                // not echoed: the value may be as long as the body
                throw new IllegalArgumentException("deferredDelivery must be push or pull");
            }
            parsed = new UserPreferences(blocked, types == null ? List.of() : types,
                    body.maxMessageSize == null ? OptionalInt.empty() : OptionalInt.of(body.maxMessageSize), delivery);
        } catch (IllegalArgumentException e) {
            return new Problem(400, "Bad Request", e.getMessage()).toResponse();
        }
        preferences.store(user, parsed);
        return Response.ok(PreferencesView.of(parsed)).build();
    }

    private static SipAddress sender(String uri) {
        RestLimits.requireLength("blockedSenders", uri, RestLimits.URI_CHARS);
        try {
            return SipAddress.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("blockedSenders: " + e.getMessage(), e);
        }
    }
}
