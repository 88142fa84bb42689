package org.cpmserver.sip;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.participating.PagerContent;
import org.cpmserver.participating.ParticipatingFunction;
import org.cpmserver.participating.SendOutcome;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.capability.FeatureTags;
import org.cpmserver.protocol.mime.BodyPart;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.mime.ContentEncoding;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.resourcelists.Entry;
import org.cpmserver.protocol.resourcelists.RecipientListBody;
import org.cpmserver.protocol.sip.SipAddress;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SIP adapter of pager mode (RFC 3428): sheds load it cannot take (503), authenticates the
 * sender (407), checks size and body (decoding any {@code Content-Encoding}), turns the request
 * into a {@link CpmMessage} and hands it to the {@link ParticipatingFunction}, then answers the
 * sender from the function's outcome. The story of the message (policy, devices, deferral,
 * reports) is the function's.
 */
@ApplicationScoped
public class PagerMessaging implements SipUseCase {

    @Inject
    SipAuthentication authentication;

    @Inject
    ParticipatingFunction participating;

    @Inject
    PagerOutcomes outcomes;

    @Inject
    SipResources resources;

    @Inject
    OverloadGuard overload;

    @Inject
    @ConfigProperty(name = "cpm.pager.max-size", defaultValue = "1300")
    int maxSize;

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
        return PagerContent.SUPPORTED_TYPES;
    }

    @Override
    public boolean serves(RequestTarget target) {
        return target == RequestTarget.USER;
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
        Optional<SipAddress> user = authentication.sender(request, status -> outcomes.failed(status == 400 ? "bad-request" : "forbidden"));
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
        byte[] raw = request.getRawContent();
        if (raw == null || raw.length == 0) {
            refuse(request, 400, "Bad Request: MESSAGE without a body", "bad-request");
            return;
        }
        if (raw.length > maxSize) {
            refuse(request, 413, "Request Entity Too Large: over " + maxSize + " bytes; send it in Large Message Mode (MSRP)",
                    "too-large");
            return;
        }
        String contentType = request.getContentType();
        if (contentType == null) {
            refuse(request, 400, "Bad Request: body without Content-Type", "bad-request");
            return;
        }
        try {
            byte[] body = ContentEncoding.decode(request.getHeader("Content-Encoding"), raw, maxSize);
            SipOrigin origin = new SipOrigin(request, resources.onSessionThread(request.getApplicationSession()));
            CompletionStage<SendOutcome> outcome = required.contains(RECIPIENT_LIST)
                    ? toList(request, origin, sender, contentType, body)
                    : toOne(request, origin, sender, contentType, body);
            if (outcome == null) {
                return; // answered already
            }
            overload.deliveryStarted();
            outcome.whenCompleteAsync((result, failure) -> {
                overload.deliveryDecided();
                answer(request, result, failure);
            }, origin.continuation());
        } catch (ProtocolException e) {
            outcomes.failed(e.statusCode() == SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE ? "unsupported-content"
                    : e.statusCode() == SipServletResponse.SC_REQUEST_ENTITY_TOO_LARGE ? "too-large" : "bad-body");
            SipServletResponse response = request.createResponse(e.statusCode(), e.reason());
            if (e.statusCode() == SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE) {
                response.setHeader("Accept", String.join(", ", new TreeSet<>(PagerContent.SUPPORTED_TYPES)));
                response.setHeader("Accept-Encoding", ContentEncoding.ACCEPTED);
            }
            response.send();
        }
    }

    /** An ordinary pager MESSAGE: the Request-URI is the recipient. Null when already answered. */
    private CompletionStage<SendOutcome> toOne(SipServletRequest request, SipOrigin origin, SipAddress sender,
            String contentType, byte[] body) throws IOException {
        CpmMessage message = message(request, sender, contentType, body);
        SipAddress recipient;
        try {
            recipient = SipAddress.parse(request.getRequestURI().toString());
        } catch (IllegalArgumentException e) {
            refuse(request, 404, "Not Found: the Request-URI is not a user address", "no-such-user");
            return null;
        }
        return participating.send(message, recipient, origin, requiredServices(request));
    }

    /**
     * A one-to-many MESSAGE (RFC 5365): the list server explodes it to every listed recipient;
     * the function accepts it once every copy is recorded.
     */
    private CompletionStage<SendOutcome> toList(SipServletRequest request, SipOrigin origin, SipAddress sender,
            String contentType, byte[] body) {
        RecipientListBody list = RecipientListBody.parse(ContentType.parse(contentType), body, maxRecipients);
        BodyPart part = list.message();
        CpmMessage message = message(request, sender, part.contentType().map(Object::toString).orElseThrow(), part.body());
        List<SipAddress> recipients = new ArrayList<>();
        for (Entry entry : list.recipients().recipients()) {
            try {
                recipients.add(SipAddress.parse(entry.uri()));
            } catch (IllegalArgumentException e) {
                outcomes.failed("bad-recipient");
            }
        }
        return participating.sendToList(message, recipients, origin, requiredServices(request));
    }

    /** The envelope of a validated body, with the CPM identities of the request (new ones when absent). */
    /** The envelope of a pager MESSAGE (also the warm-up's: {@link SignallingWarmUp}). */
    static CpmMessage message(SipServletRequest request, SipAddress sender, String contentType, byte[] body) {
        PagerContent content = PagerContent.interpret(contentType, body);
        String conversation = request.getHeader(ConversationId.HEADER);
        String contribution = request.getHeader(ContributionId.HEADER);
        String inReplyTo = request.getHeader("InReplyTo-Contribution-ID");
        return new CpmMessage(sender,
                conversation == null || conversation.isBlank() ? ConversationId.random() : ConversationId.parse(conversation),
                contribution == null || contribution.isBlank() ? ContributionId.random() : ContributionId.parse(contribution),
                inReplyTo == null || inReplyTo.isBlank() ? null : ContributionId.parse(inReplyTo),
                content.imdnMessageId().orElse(null), contentType, content.userContentType(), body,
                content.report().orElse(null), Instant.now(), request.getCallId());
    }

    /** Answers the sender from the function's outcome (on the request's session thread). */
    private void answer(SipServletRequest request, SendOutcome outcome, Throwable failure) {
        if (failure != null) {
            outcomes.failed("internal");
            send(request, SipServletResponse.SC_SERVER_INTERNAL_ERROR, "Server Internal Error");
            return;
        }
        switch (outcome.kind()) {
            case DELIVERED:
                outcomes.delivered();
                send(request, SipServletResponse.SC_OK, null);
                return;
            case DISCARDED:
                send(request, SipServletResponse.SC_OK, null);
                return;
            case COLLAPSED:
                outcomes.reportCollapsed();
                send(request, SipServletResponse.SC_OK, null);
                return;
            case DEFERRED:
                outcomes.deferred();
                send(request, SipServletResponse.SC_ACCEPTED, "Accepted");
                return;
            case ACCEPTED:
                send(request, SipServletResponse.SC_ACCEPTED, "Accepted");
                return;
            default:
                outcomes.failed(outcome.refusal().reason().key());
                try {
                    SipServletResponse response = SipStatuses.response(request, outcome.refusal(), PagerContent.SUPPORTED_TYPES);
                    if (response.getStatus() == SipServletResponse.SC_SERVICE_UNAVAILABLE) {
                        // the message could not be recorded: try again shortly (RFC 3261 §21.5.4)
                        response.setHeader("Retry-After", Integer.toString(overload.retryAfterSeconds()));
                    }
                    response.send();
                } catch (IOException | IllegalStateException e) {
                    // the sender's transaction is over; nothing left to tell it
                }
        }
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

    private void refuse(SipServletRequest request, int status, String reason, String key) throws IOException {
        outcomes.failed(key);
        request.createResponse(status, reason).send();
    }

    private static void send(SipServletRequest request, int status, String reason) {
        try {
            (reason == null ? request.createResponse(status) : request.createResponse(status, reason)).send();
        } catch (IOException | IllegalStateException e) {
            // the sender's transaction is over; nothing left to tell it
        }
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
