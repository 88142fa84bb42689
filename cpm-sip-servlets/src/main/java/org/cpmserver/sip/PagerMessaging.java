package org.cpmserver.sip;

import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.participating.PagerContent;
import org.cpmserver.participating.PagerMessage;
import org.cpmserver.participating.PagerRouting;
import org.cpmserver.participating.ParticipatingFunction;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.capability.FeatureTags;
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

    private static final Pattern ICSI_REF = Pattern.compile("\\+g\\.3gpp\\.icsi-ref=(\"[^\"]*\"|[^;]*)", Pattern.CASE_INSENSITIVE);

    @Inject
    SipAuthentication authentication;

    @Inject
    ParticipatingFunction participating;

    @Inject
    MessageJournal journal;

    @Inject
    CpmSettings settings;

    @Inject
    PagerOutcomes outcomes;

    @Inject
    SipResources resources;

    @Inject
    @ConfigProperty(name = "cpm.pager.max-size", defaultValue = "1300")
    int maxSize;

    @Inject
    @ConfigProperty(name = "cpm.pager.delivery-timeout-ms", defaultValue = "8000")
    long deliveryTimeoutMillis;

    @Override
    public String method() {
        return "MESSAGE";
    }

    @Override
    public Set<String> acceptedContentTypes() {
        return PagerContent.SUPPORTED_TYPES;
    }

    @Override
    public Set<CpmIcsi> services() {
        return Set.of(CpmIcsi.MESSAGE);
    }

    @Override
    public void handle(SipServletRequest request) throws IOException {
        outcomes.received();
        SipAddress sender;
        try {
            sender = SipAddress.parse(request.getFrom().getURI().toString());
        } catch (IllegalArgumentException e) {
            refuse(request, 400, "Bad From: not a user address");
            return;
        }
        if (!settings.servesDomain(sender.domain())) {
            refuse(request, 403, "Forbidden: the sender's domain is not served here");
            return;
        }
        Optional<SipAddress> user = authentication.authenticate(request, sender.domain(), SipAuthentication.Role.PROXY);
        if (user.isEmpty()) {
            return;
        }
        if (!user.get().equals(sender)) {
            refuse(request, 403, "Forbidden: From does not match the authenticated user");
            return;
        }
        String unsupported = unsupportedExtensions(request);
        if (unsupported != null) {
            outcomes.failed("bad-extension");
            SipServletResponse response = request.createResponse(SipServletResponse.SC_BAD_EXTENSION, "Bad Extension");
            response.setHeader("Unsupported", unsupported);
            response.send();
            return;
        }
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
        PagerContent content;
        try {
            content = PagerContent.interpret(contentType, body);
        } catch (ProtocolException e) {
            outcomes.failed("bad-body");
            SipServletResponse response = request.createResponse(e.statusCode(), e.reason());
            if (e.statusCode() == SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE) {
                response.setHeader("Accept", String.join(", ", PagerContent.SUPPORTED_TYPES));
            }
            response.send();
            return;
        }
        SipAddress recipient;
        try {
            recipient = SipAddress.parse(request.getRequestURI().toString());
        } catch (IllegalArgumentException e) {
            refuse(request, 404, "Not Found: the Request-URI is not a user address");
            return;
        }
        PagerMessage message = new PagerMessage(sender, contentType, content.userContentType(), body, request.getCallId(),
                content.imdnMessageId(), headerOrNew(request, "Conversation-ID"), headerOrNew(request, "Contribution-ID"),
                request.getHeader("InReplyTo-Contribution-ID"), Instant.now());
        Set<CpmIcsi> required = requiredServices(request);
        Optional<PagerContent.Report> report = content.report();
        if (report.isPresent() && report.get().collapsible()) {
            CompletableFuture<Boolean> first = journal.claim(new JournalEntry.ReportClaim(report.get().originalMessageId(),
                    sender.uri(), recipient.uri(), report.get().kind()));
            first.whenCompleteAsync((won, failure) -> {
                if (failure != null) {
                    send(request, SipServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable: message journal");
                } else if (won) {
                    route(request, message, recipient, required);
                } else {
                    outcomes.reportCollapsed();
                    send(request, SipServletResponse.SC_OK, null);
                }
            }, resources.executor());
            return;
        }
        route(request, message, recipient, required);
    }

    private void route(SipServletRequest request, PagerMessage message, SipAddress recipient, Set<CpmIcsi> required) {
        PagerRouting routing = participating.route(message, recipient, required);
        switch (routing.kind()) {
            case REJECT:
                outcomes.failed(reasonKey(routing.status()));
                send(request, routing.status(), routing.reason());
                return;
            case DISCARD: {
                ParticipatingFunction.Recorded recorded = participating.record(message, recipient);
                recorded.durable().whenCompleteAsync((done, failure) -> send(request,
                        failure == null ? SipServletResponse.SC_OK : SipServletResponse.SC_SERVICE_UNAVAILABLE,
                        failure == null ? null : "Service Unavailable: message could not be recorded"), resources.executor());
                return;
            }
            default: {
                ParticipatingFunction.Recorded recorded = participating.record(message, recipient);
                new PagerDelivery(request, routing.devices(), recorded, participating, outcomes, resources.executor(),
                        message.conversationId(), message.contributionId())
                        .start(resources.factory(), message.sender().uri(), resources.scheduler(), deliveryTimeoutMillis);
            }
        }
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
            case 480: return "recipient-offline";
            default: return "status-" + status;
        }
    }

    private static String headerOrNew(SipServletRequest request, String name) {
        String value = request.getHeader(name);
        return value == null || value.isBlank() ? UUID.randomUUID().toString() : value.trim();
    }

    /** The option tags in Require we do not support, comma separated, or null. */
    private static String unsupportedExtensions(SipServletRequest request) {
        StringBuilder unsupported = new StringBuilder();
        ListIterator<String> values = request.getHeaders("Require");
        while (values.hasNext()) {
            for (String tag : values.next().split(",")) {
                String t = tag.trim();
                if (!t.isEmpty()) {
                    unsupported.append(unsupported.length() == 0 ? "" : ", ").append(t);
                }
            }
        }
        return unsupported.length() == 0 ? null : unsupported.toString();
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
            Matcher m = ICSI_REF.matcher(value);
            while (m.find()) {
                try {
                    required.addAll(FeatureTags.parseIcsiRef(m.group(1)));
                } catch (IllegalArgumentException malformed) {
                    // an unreadable preference is no preference (RFC 3841 §9)
                }
            }
        }
        return required;
    }
}
