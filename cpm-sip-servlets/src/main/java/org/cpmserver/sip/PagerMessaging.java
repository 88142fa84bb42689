package org.cpmserver.sip;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.participating.PagerContent;
import org.cpmserver.participating.PagerMessage;
import org.cpmserver.participating.PagerRouting;
import org.cpmserver.participating.ParticipatingFunction;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.capability.FeatureTags;
import org.cpmserver.protocol.deferred.DeferredXml;
import org.cpmserver.protocol.mime.BodyPart;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.resourcelists.Entry;
import org.cpmserver.protocol.resourcelists.RecipientListBody;
import org.cpmserver.protocol.sip.SipAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pager-mode MESSAGE (RFC 3428) from a served user: authenticate (407), check the sender's
 * identity, size and body, let the Participating Function route it, then deliver to every device
 * of the recipient. Disposition notifications travel the same way, but only the first of each
 * kind per recipient reaches the sender (RFC 5438 with several devices, OMA CPM AD §5.3.1.3.1).
 */
@ApplicationScoped
public class PagerMessaging implements SipUseCase {


    @Inject
    SipAuthentication authentication;

    @Inject
    ParticipatingFunction participating;

    @Inject
    MessageJournal journal;

    @Inject
    PagerOutcomes outcomes;

    @Inject
    SipResources resources;

    @Inject
    OverloadGuard overload;

    @Inject
    DeferredRetrieval deferredRetrieval;

    @Inject
    @ConfigProperty(name = "cpm.pager.max-size", defaultValue = "1300")
    int maxSize;

    @Inject
    @ConfigProperty(name = "cpm.pager.delivery-timeout-ms", defaultValue = "8000")
    long deliveryTimeoutMillis;

    @Inject
    @ConfigProperty(name = "cpm.pager.max-recipients", defaultValue = "100")
    int maxRecipients;

    /** RFC 5365 option tag of a one-to-many MESSAGE. */
    static final String RECIPIENT_LIST = "recipient-list-message";

    @Override
    public String method() {
        return "MESSAGE";
    }

    @Override
    public Set<String> acceptedContentTypes() {
        Set<String> types = new TreeSet<>(PagerContent.SUPPORTED_TYPES);
        types.add(DeferredXml.RETRIEVE_TYPE); // pull-mode retrieval requests to the deferred messaging service
        return types;
    }

    @Override
    public Set<CpmIcsi> services() {
        return Set.of(CpmIcsi.MESSAGE);
    }

    @Override
    public Set<String> optionTags() {
        return Set.of(RECIPIENT_LIST);
    }

    @Override
    public void handle(SipServletRequest request) throws IOException {
        if (deferredRetrieval.addressedTo(request)) {
            deferredRetrieval.handle(request); // pull-mode retrieval from the deferred messaging service
            return;
        }
        outcomes.received();
        boolean challengeFirst = authentication.wouldChallenge(request, SipAuthentication.Role.PROXY);
        Optional<String> late = overload.queueRefusal(request, challengeFirst);
        if (late.isPresent()) {
            shed(request, late.get(), "overloaded-queue");
            return;
        }
        Optional<String> overloaded = overload.refusal();
        if (overloaded.isEmpty() && challengeFirst) {
            overloaded = overload.rateRefusalBeforeChallenge();
        }
        if (overloaded.isPresent()) {
            shed(request, overloaded.get(), "overloaded");
            return;
        }
        Optional<SipAddress> user = authentication.sender(request, status -> outcomes.failed(reasonKey(status)));
        if (user.isEmpty()) {
            return;
        }
        SipAddress sender = user.get();
        Optional<String> overRate = overload.rateRefusal();
        if (overRate.isPresent()) {
            shed(request, overRate.get(), "overloaded");
            return;
        }
        // the main servlet already refused a Require this deployment does not implement (420)
        Set<String> required = optionTags(request, "Require");
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            refuse(request, 400, "Bad Request: MESSAGE without a body");
            return;
        }
        if (body.length > maxSize) {
            refuse(request, 413, "Request Entity Too Large: over " + maxSize + " bytes; send it in Large Message Mode (MSRP)");
            return;
        }
        String contentType = request.getContentType();
        if (contentType == null) {
            refuse(request, 400, "Bad Request: body without Content-Type");
            return;
        }
        try {
            if (required.contains(RECIPIENT_LIST)) {
                toList(request, sender, contentType, body);
            } else {
                toOne(request, sender, contentType, body);
            }
        } catch (ProtocolException e) {
            outcomes.failed("bad-body");
            SipServletResponse response = request.createResponse(e.statusCode(), e.reason());
            if (e.statusCode() == SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE) {
                response.setHeader("Accept", String.join(", ", PagerContent.SUPPORTED_TYPES));
            }
            response.send();
        }
    }

    /** An ordinary pager MESSAGE: the Request-URI is the recipient. */
    private void toOne(SipServletRequest request, SipAddress sender, String contentType, byte[] body) throws IOException {
        PagerContent content = PagerContent.interpret(contentType, body);
        SipAddress recipient;
        try {
            recipient = SipAddress.parse(request.getRequestURI().toString());
        } catch (IllegalArgumentException e) {
            refuse(request, 404, "Not Found: the Request-URI is not a user address");
            return;
        }
        PagerMessage message = message(request, sender, contentType, content, body);
        Set<CpmIcsi> services = requiredServices(request);
        Optional<PagerContent.Report> report = content.report();
        if (report.isPresent() && report.get().collapsible()) {
            CompletableFuture<Boolean> first = journal.claim(new JournalEntry.ReportClaim(report.get().originalMessageId(),
                    sender.uri(), recipient.uri(), report.get().kind()));
            first.whenCompleteAsync((won, failure) -> {
                if (failure != null) {
                    send(request, SipServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: message journal");
                } else if (won) {
                    deliver(request, message, recipient, services, outcome -> answer(request, outcome));
                } else {
                    outcomes.reportCollapsed();
                    send(request, SipServletResponse.SC_OK, null);
                }
            }, resources.onSessionThread(request.getApplicationSession()));
            return;
        }
        deliver(request, message, recipient, services, outcome -> answer(request, outcome));
    }

    /**
     * A one-to-many MESSAGE (RFC 5365): the server explodes it to every listed recipient and
     * answers 202 once each copy is durably recorded; each recipient's outcome is journaled
     * (and reported by the recipients' own delivery notifications). Only when no recipient can
     * take it at all does the sender get a failure.
     */
    private void toList(SipServletRequest request, SipAddress sender, String contentType, byte[] body) {
        RecipientListBody list = RecipientListBody.parse(ContentType.parse(contentType), body, maxRecipients);
        BodyPart part = list.message();
        String partType = part.contentType().map(Object::toString).orElseThrow();
        PagerContent content = PagerContent.interpret(partType, part.body());
        PagerMessage message = message(request, sender, partType, content, part.body());
        Set<CpmIcsi> services = requiredServices(request);
        List<CompletableFuture<Void>> durable = new ArrayList<>();
        for (Entry entry : list.recipients().recipients()) {
            SipAddress recipient;
            try {
                recipient = SipAddress.parse(entry.uri());
            } catch (IllegalArgumentException e) {
                outcomes.failed("bad-recipient");
                continue;
            }
            deliver(request, message, recipient, services, outcome -> { }).ifPresent(durable::add);
        }
        if (durable.isEmpty()) {
            send(request, SipServletResponse.SC_TEMPORARILY_UNAVAILABLE,
                    "Temporarily Unavailable: no listed recipient can receive the message");
            return;
        }
        CompletableFuture.allOf(durable.toArray(new CompletableFuture[0])).whenCompleteAsync((done, failure) -> send(request,
                failure == null ? SipServletResponse.SC_ACCEPTED : SipServletResponse.SC_SERVICE_UNAVAILABLE,
                failure == null ? "Accepted" : "Service Unavailable: message could not be recorded"),
                resources.onSessionThread(request.getApplicationSession()));
    }

    private PagerMessage message(SipServletRequest request, SipAddress sender, String contentType, PagerContent content,
            byte[] body) {
        return new PagerMessage(sender, contentType, content.userContentType(), body, request.getCallId(),
                content.imdnMessageId(), headerOrNew(request, "Conversation-ID"), headerOrNew(request, "Contribution-ID"),
                request.getHeader("InReplyTo-Contribution-ID"), Instant.now());
    }

    /**
     * Routes and, when accepted for delivery, records the message and starts delivery to the
     * recipient's devices. Returns the record's durability, or empty when the message was
     * refused for this recipient (the refusal goes to {@code decided}).
     */
    private Optional<CompletableFuture<Void>> deliver(SipServletRequest request, PagerMessage message, SipAddress recipient,
            Set<CpmIcsi> services, Consumer<Outcome> decided) {
        PagerRouting routing = participating.route(message, recipient, services);
        if (routing.kind() == PagerRouting.Kind.REJECT) {
            outcomes.failed(reasonKey(routing.status()));
            decided.accept(new Outcome(routing.status(), routing.reason(), null));
            return Optional.empty();
        }
        ParticipatingFunction.Recorded recorded = participating.record(message, recipient);
        if (routing.kind() == PagerRouting.Kind.DISCARD) {
            decided.accept(new Outcome(SipServletResponse.SC_OK, null, recorded.durable()));
            return Optional.of(recorded.durable());
        }
        if (routing.kind() == PagerRouting.Kind.DEFER) {
            return defer(message, recipient, recorded.durable(), decided);
        }
        overload.deliveryStarted();
        new PagerDelivery(request, message, recipient, routing.devices(), recorded, participating, delivery -> {
            overload.deliveryDecided();
            if (delivery.accepted()) {
                outcomes.delivered();
                decided.accept(new Outcome(delivery.status, null, recorded.durable()));
            } else if (delivery.status == SipServletResponse.SC_TEMPORARILY_UNAVAILABLE
                    || delivery.status == SipServletResponse.SC_REQUEST_TIMEOUT) {
                // every device failed or none answered in time: keep it for later
                defer(message, recipient, recorded.durable(), decided);
            } else {
                outcomes.failed("device-refused");
                decided.accept(new Outcome(delivery.status, delivery.reason, null));
            }
        }).start(resources.factory(), resources.scheduler(), resources.onSessionThread(request.getApplicationSession()),
                deliveryTimeoutMillis);
        return Optional.of(recorded.durable());
    }

    /** Hands the message to the Deferred Messaging Function; 202 once both records are committed. */
    private Optional<CompletableFuture<Void>> defer(PagerMessage message, SipAddress recipient, CompletableFuture<Void> recorded,
            Consumer<Outcome> decided) {
        StringBuilder refusal = new StringBuilder();
        Optional<CompletableFuture<Void>> stored = participating.defer(message, recipient, refusal);
        if (stored.isEmpty()) {
            outcomes.failed("deferred-store-full");
            decided.accept(new Outcome(SipServletResponse.SC_TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable: " + refusal, null));
            return Optional.empty();
        }
        outcomes.deferred();
        CompletableFuture<Void> both = CompletableFuture.allOf(recorded, stored.get());
        decided.accept(new Outcome(SipServletResponse.SC_ACCEPTED, "Accepted", both));
        return Optional.of(both);
    }

    /** The outcome for one recipient, and when a success may be confirmed (the journal commit). */
    private static final class Outcome {
        final int status;
        final String reason;
        final CompletableFuture<Void> durable;

        Outcome(int status, String reason, CompletableFuture<Void> durable) {
            this.status = status;
            this.reason = reason;
            this.durable = durable;
        }
    }

    /** Answers the sender of a one-recipient MESSAGE; a 2xx only once the message is on disk. */
    private void answer(SipServletRequest request, Outcome outcome) {
        if (outcome.status >= 300) {
            send(request, outcome.status, outcome.reason);
            return;
        }
        outcome.durable.whenCompleteAsync((done, failure) -> {
            if (failure == null) {
                send(request, outcome.status, outcome.reason);
            } else {
                outcomes.failed("journal-unavailable");
                send(request, SipServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: message could not be recorded");
            }
        }, resources.onSessionThread(request.getApplicationSession()));
    }

    /**
     * 503 with Retry-After (RFC 3261 §21.5.4): this node is past its capacity; {@code key} names
     * the signal in {@code cpm_messages_failed_total{reason}}.
     */
    private void shed(SipServletRequest request, String reason, String key) throws IOException {
        outcomes.failed(key);
        SipServletResponse response = request.createResponse(SipServletResponse.SC_SERVICE_UNAVAILABLE, reason);
        response.setHeader("Retry-After", Integer.toString(overload.retryAfterSeconds()));
        response.send();
    }

    private void refuse(SipServletRequest request, int status, String reason) throws IOException {
        outcomes.failed(reasonKey(status));
        request.createResponse(status, reason).send();
    }

    private static void send(SipServletRequest request, int status, String reason) {
        try {
            (reason == null ? request.createResponse(status) : request.createResponse(status, reason)).send();
        } catch (IOException | IllegalStateException e) {
            // the sender's transaction is over; nothing left to tell it
        }
    }

    private static String reasonKey(int status) {
        switch (status) {
            case 400: return "bad-request";
            case 403: return "forbidden";
            case 404: return "unknown-recipient";
            case 413: return "too-large";
            case 415: return "unsupported-content";
            case 480: return "recipient-unavailable";
            default: return "status-" + status;
        }
    }

    private static String headerOrNew(SipServletRequest request, String name) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? UUID.randomUUID().toString() : value.trim();
    }

    /** The option tags of a header (RFC 3261 §20.32 Require), lower case. */
    private static Set<String> optionTags(SipServletRequest request, String header) {
        Set<String> tags = new TreeSet<>();
        ListIterator<String> values = request.getHeaders(header);
        while (values.hasNext()) {
            for (String tag : values.next().split(",")) {
                String t = tag.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    tags.add(t);
                }
            }
        }
        return tags;
    }

    /** CPM services the sender requires of the recipient's device (RFC 3841 {@code require;explicit}). */
    static Set<CpmIcsi> requiredServices(SipServletRequest request) {
        Set<CpmIcsi> required = EnumSet.noneOf(CpmIcsi.class);
        ListIterator<String> values = request.getHeaders("Accept-Contact");
        while (values.hasNext()) {
            String value = values.next();
            String lower = value.toLowerCase(Locale.ROOT);
            if (!(lower.contains(";require") && lower.contains(";explicit"))) {
                continue;
            }
            // an unreadable preference is no preference (RFC 3841 §9)
            required.addAll(FeatureTags.servicesDeclaredIn(value));
        }
        return required;
    }
}
