package org.cpmserver.rest.deferred;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.cpmserver.deferred.DeferredMessaging;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.deferred.DeferredList;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.rest.limits.RestLimits;
import org.cpmserver.rest.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Pull-mode retrieval over HTTP (OMA CPM AD §5.3.1.3.4, "the recipient can retrieve the message
 * when needed"): list what waits, read one message, remove it once retrieved. A removed message is
 * never pushed afterwards. Reading alone removes nothing, so a client that fails half-way can
 * read again.
 */
@Path("/deferred/v1/{user}/messages")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class DeferredMessagesResource {

    @Inject
    DeferredAccess access;

    @Inject
    DeferredMessaging deferred;

    /** One waiting message in a list (the fields of the SIP list, {@code application/vnd.cpmserver.deferred-list+xml}). */
    public static class MessageSummary {
        public String id;
        public String messageId;
        public String sender;
        public String storedAt;
        public String expiresAt;
        public long size;
        public String contentType;

        static MessageSummary of(org.cpmserver.deferred.StoredMessage r, MessageSummary v) {
            DeferredList.Entry e = DeferredMessaging.entry(r);
            v.id = e.id();
            v.messageId = e.messageId().map(Object::toString).orElse(null);
            v.sender = e.sender();
            v.storedAt = r.message().receivedAt().toString();
            v.expiresAt = r.expiresAt().toString();
            v.size = e.size();
            v.contentType = e.contentType().toString();
            return v;
        }
    }

    /** One stored message with its headers and body (base64). */
    public static class StoredMessage extends MessageSummary {
        public String conversationId;
        public String contributionId;
        public String body;
    }

    /** A page of the list. */
    public static class MessagePage {
        public String user;
        public long total;
        public int offset;
        public int limit;
        public List<MessageSummary> messages;
    }

    /** What a bulk removal did. */
    public static class Removal {
        public List<String> deleted = new ArrayList<>();
        public List<String> notFound = new ArrayList<>();
    }

    @GET
    @Operation(summary = "The messages waiting for the user, oldest first")
    public Response list(@PathParam("user") String user, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("offset") @DefaultValue("0") String offsetText, @QueryParam("limit") @DefaultValue("50") String limitText) {
        SipAddress owner = access.authorize(authorization, user);
        int offset = RestLimits.requireNumber("offset", offsetText, 0, Integer.MAX_VALUE);
        int limit = RestLimits.requireNumber("limit", limitText, 1, RestLimits.DEFERRED_PAGE);
        MessagePage page = new MessagePage();
        page.user = owner.uri();
        page.total = deferred.count(owner);
        page.offset = offset;
        page.limit = limit;
        page.messages = deferred.waiting(owner, offset, limit).stream().map(r -> MessageSummary.of(r, new MessageSummary()))
                .collect(Collectors.toList());
        return Response.ok(page).build();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One stored message: its headers and body (base64)")
    public Response get(@PathParam("user") String user, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        org.cpmserver.deferred.StoredMessage r = stored(authorization, user, id);
        StoredMessage v = (StoredMessage) MessageSummary.of(r, new StoredMessage());
        v.conversationId = r.message().conversationId().value();
        v.contributionId = r.message().contributionId().value();
        v.body = Base64.getEncoder().encodeToString(r.message().body());
        return Response.ok(v).build();
    }

    @GET
    @Path("{id}")
    @Produces("message/cpim")
    @Operation(summary = "One stored message as it arrived (message/cpim)")
    public Response getCpim(@PathParam("user") String user, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        CpmMessage m = stored(authorization, user, id).message();
        if (!ContentType.parse(m.contentType()).is("message/cpim")) {
            return new Problem(406, "Not Acceptable", "this message is " + m.contentType() + ", not message/cpim; ask for JSON")
                    .toResponse();
        }
        return Response.ok(m.body(), "message/cpim").header(ConversationId.HEADER, m.conversationId().value())
                .header(ContributionId.HEADER, m.contributionId().value()).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Remove a retrieved message; it is never pushed afterwards")
    public Response delete(@PathParam("user") String user, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        SipAddress owner = access.authorize(authorization, user);
        if (!DeferredList.isId(id) || !deferred.remove(owner, id)) {
            return noSuchMessage(id).toResponse();
        }
        return Response.noContent().build();
    }

    @DELETE
    @Operation(summary = "Remove several retrieved messages (?ids=a,b,c)")
    public Response deleteMany(@PathParam("user") String user, @QueryParam("ids") String ids,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        SipAddress owner = access.authorize(authorization, user);
        if (ids == null || ids.isBlank()) {
            throw Problem.badRequest("ids: name the messages to remove, comma separated");
        }
        // the container bounds the query (limitFieldSize), so splitting it whole is bounded too
        String[] named = ids.split(",");
        if (named.length > RestLimits.DEFERRED_IDS) {
            throw Problem.badRequest("ids: at most " + RestLimits.DEFERRED_IDS + " messages at a time");
        }
        Removal removal = new Removal();
        for (String raw : named) {
            String id = raw.trim();
            if (DeferredList.isId(id) && deferred.remove(owner, id)) {
                removal.deleted.add(id);
            } else {
                removal.notFound.add(id);
            }
        }
        return Response.ok(removal).build();
    }

    private org.cpmserver.deferred.StoredMessage stored(String authorization, String user, String id) {
        SipAddress owner = access.authorize(authorization, user);
        if (!DeferredList.isId(id)) {
            throw noSuchMessage(id).asException();
        }
        return deferred.find(owner, id).orElseThrow(() -> noSuchMessage(id).asException());
    }

    private static Problem noSuchMessage(String id) {
        return new Problem(404, "Not Found", "no stored message " + (DeferredList.isId(id) ? id : "by that id"));
    }
}
