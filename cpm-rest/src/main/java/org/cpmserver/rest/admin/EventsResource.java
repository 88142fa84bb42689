package org.cpmserver.rest.admin;

import java.io.StringReader;
import java.util.List;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.json.Json;
import javax.json.JsonArrayBuilder;
import javax.json.JsonObject;
import javax.json.JsonReader;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.cpmserver.events.EventOutbox;
import org.cpmserver.rest.limits.RestLimits;
import org.cpmserver.rest.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The operator's event feed: every message event in the order the outbox numbered it, for a
 * billing, CDR or analytics system that keeps its own position ({@code after}) and may ask again
 * from any position still kept ({@code cpm.events.retention-hours}). Read-only; at least once.
 */
@Path("/admin/v1/events")
@RequestScoped
@AdminApi
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "admin")
public class EventsResource {

    @Inject
    EventOutbox outbox;

    @GET
    @Operation(summary = "Message events after a position, oldest first, a page at a time")
    public Response page(@QueryParam("after") @DefaultValue("0") String afterText,
            @QueryParam("limit") @DefaultValue("100") String limitText) {
        long after = RestLimits.requirePosition("after", afterText);
        int limit = RestLimits.requireNumber("limit", limitText, 1, RestLimits.EVENTS_PAGE);
        requireFeed();
        List<EventOutbox.Sequenced> events = outbox.read(after, limit);
        JsonArrayBuilder list = Json.createArrayBuilder();
        long next = after;
        for (EventOutbox.Sequenced event : events) {
            try (JsonReader reader = Json.createReader(new StringReader(event.payload()))) {
                JsonObject payload = reader.readObject();
                list.add(Json.createObjectBuilder(payload).add("seq", event.seq()));
            }
            next = event.seq();
        }
        return Response.ok(Json.createObjectBuilder().add("events", list).add("next", next).build()).build();
    }

    @GET
    @Path("position")
    @Operation(summary = "The position of the newest event: a new reader that starts there sees only what follows")
    public Response position() {
        requireFeed();
        return Response.ok(Json.createObjectBuilder().add("position", outbox.lastSequenced()).build()).build();
    }

    private void requireFeed() {
        if (!outbox.feedEnabled()) {
            throw new Problem(404, "Not Found", "the event feed is off: set cpm.events.feed.enabled"
                    + " (CPM_EVENTS_FEED_ENABLED=true) to keep and serve message events").asException();
        }
    }
}
