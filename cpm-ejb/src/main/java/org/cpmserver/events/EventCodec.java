package org.cpmserver.events;

import java.io.StringReader;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import javax.json.Json;
import javax.json.JsonObject;
import javax.json.JsonObjectBuilder;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.message.Refusal;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * The stored form of a {@link MessageEvent}: one JSON object, the same one the operator's event
 * feed shows. Field names are part of the API (docs/api.md): add fields, never rename them.
 */
public final class EventCodec {

    private EventCodec() {
    }

    /** The event's kind as stored and shown: {@code accepted}, {@code delivered}, ... */
    public static String kind(MessageEvent event) {
        return event.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    public static JsonObject toJson(MessageEvent event) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("kind", kind(event))
                .add("eventId", event.eventId())
                .add("at", event.at().toString())
                .add("recipient", event.recipient().uri())
                .add("message", message(event.message()));
        if (event.recordId() != null) {
            json.add("recordId", event.recordId());
        }
        if (event instanceof MessageEvent.Delivered delivered) {
            json.add("device", delivered.device());
        }
        if (event instanceof MessageEvent.Failed failed) {
            json.add("refusal", Json.createObjectBuilder().add("reason", failed.refusal().reason().key())
                    .add("detail", failed.refusal().detail()));
        }
        return json.build();
    }

    public static String encode(MessageEvent event) {
        return toJson(event).toString();
    }

    public static MessageEvent decode(String text) {
        JsonObject json;
        try (javax.json.JsonReader reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        }
        String eventId = json.getString("eventId");
        String recordId = json.getString("recordId", null);
        SipAddress recipient = SipAddress.parse(json.getString("recipient"));
        Instant at = Instant.parse(json.getString("at"));
        CpmMessage message = message(json.getJsonObject("message"));
        switch (json.getString("kind")) {
            case "accepted":
                return new MessageEvent.Accepted(eventId, recordId, message, recipient, at);
            case "delivered":
                return new MessageEvent.Delivered(eventId, recordId, message, recipient, json.getString("device"), at);
            case "deferred":
                return new MessageEvent.Deferred(eventId, recordId, message, recipient, at);
            case "expired":
                return new MessageEvent.Expired(eventId, recordId, message, recipient, at);
            case "reported":
                return new MessageEvent.Reported(eventId, recordId, message, recipient, at);
            case "failed":
                JsonObject refusal = json.getJsonObject("refusal");
                return new MessageEvent.Failed(eventId, recordId, message, recipient,
                        new Refusal(reason(refusal.getString("reason")), refusal.getString("detail"), Set.of()), at);
            default:
                throw new IllegalArgumentException("unknown event kind " + json.getString("kind"));
        }
    }

    private static JsonObjectBuilder message(CpmMessage m) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("sender", m.sender().uri())
                .add("conversationId", m.conversationId().value())
                .add("contributionId", m.contributionId().value())
                .add("contentType", m.contentType())
                .add("userContentType", m.userContentType())
                .add("body", Base64.getEncoder().encodeToString(m.body()))
                .add("receivedAt", m.receivedAt().toString())
                .add("originReference", m.originReference());
        m.inReplyToContribution().ifPresent(id -> json.add("inReplyToContributionId", id.value()));
        m.imdn().ifPresent(id -> json.add("imdnMessageId", id.value()));
        m.dispositionReport().ifPresent(r -> json.add("report", Json.createObjectBuilder()
                .add("original", r.original().value()).add("kind", r.kind().name().toLowerCase(Locale.ROOT))));
        return json;
    }

    private static CpmMessage message(JsonObject json) {
        JsonObject report = json.getJsonObject("report");
        return new CpmMessage(SipAddress.parse(json.getString("sender")),
                ConversationId.parse(json.getString("conversationId")),
                ContributionId.parse(json.getString("contributionId")),
                json.containsKey("inReplyToContributionId") ? ContributionId.parse(json.getString("inReplyToContributionId")) : null,
                json.containsKey("imdnMessageId") ? ImdnMessageId.parse(json.getString("imdnMessageId")) : null,
                json.getString("contentType"), json.getString("userContentType"),
                Base64.getDecoder().decode(json.getString("body")),
                report == null ? null : new DispositionReport(ImdnMessageId.parse(report.getString("original")),
                        DispositionReport.Kind.valueOf(report.getString("kind").toUpperCase(Locale.ROOT))),
                Instant.parse(json.getString("receivedAt")), json.getString("originReference"));
    }

    private static Refusal.Reason reason(String key) {
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            if (reason.key().equals(key)) {
                return reason;
            }
        }
        throw new IllegalArgumentException("unknown refusal reason " + key);
    }
}
