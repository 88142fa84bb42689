package org.cpmserver.participating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.stream.Collectors;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.annotation.Resource;
import javax.enterprise.concurrent.ManagedThreadFactory;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.deferred.DeferredMessaging;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.delivery.DeviceMessenger;
import org.cpmserver.delivery.DeviceMessengers;
import org.cpmserver.delivery.Origin;
import org.cpmserver.events.MessageEvents;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.message.Refusal;
import org.cpmserver.participating.policy.PagerContext;
import org.cpmserver.participating.policy.PolicyChain;
import org.cpmserver.participating.policy.PolicyDecision;
import org.cpmserver.preferences.PreferencesCache;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.RegisteredDevices;
import org.cpmserver.schema.RecordIds;
import org.cpmserver.subscriber.SubscriberDirectory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CPM Participating Function for standalone messages (OMA CPM AD §5.3.1.3.1). It takes a
 * message from an authenticated sender, whatever carried it in, and tells its story:
 * <ol>
 *   <li>a delivery or display report is forwarded only the first time a recipient reports
 *       (one per recipient across its devices);</li>
 *   <li>the recipient must be a user of a served domain;</li>
 *   <li>the policy chain decides: service-provider policies first, then the recipient's
 *       preferences;</li>
 *   <li>the message is recorded, and offered to every registered device of the recipient at
 *       once;</li>
 *   <li>when no device is registered, or none could be reached, the Deferred Messaging
 *       Function keeps it for later;</li>
 *   <li>the outcome is reported once the message is durable; each step carries its
 *       {@link MessageEvents message events} into the commit that makes it durable.</li>
 * </ol>
 * A one-to-many message (RFC 5365) runs the same story for each listed recipient and is
 * accepted once every copy is durable. Nothing here knows which protocol carried the message.
 */
@ApplicationScoped
public class ParticipatingFunction {

    @Inject
    CpmSettings settings;

    @Inject
    RegisteredDevices registered;

    @Inject
    SubscriberDirectory directory;

    @Inject
    PreferencesCache preferences;

    @Inject
    PolicyChain policies;

    @Inject
    MessageJournal journal;

    @Inject
    DeferredMessaging deferred;

    @Inject
    DeviceMessengers messengers;

    @Inject
    MessageEvents events;

    @Inject
    @ConfigProperty(name = "cpm.pager.delivery-timeout-ms", defaultValue = "8000")
    long deliveryTimeoutMillis;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    /** Delivery deadlines only: one thread that hands each expiry to the origin's continuation. */
    private ScheduledThreadPoolExecutor deadlines;

    @PostConstruct
    void start() {
        deadlines = threads == null ? new ScheduledThreadPoolExecutor(1) : new ScheduledThreadPoolExecutor(1, threads);
        deadlines.setRemoveOnCancelPolicy(true);
    }

    @PreDestroy
    void stop() {
        deadlines.shutdownNow();
    }

    /**
     * Sends a message to one recipient. The stage completes with the outcome once it is final
     * and, for a success, durable; it never completes exceptionally.
     *
     * @param requiredServices CPM services the sender requires of the recipient's device; empty for any
     */
    public CompletionStage<SendOutcome> send(CpmMessage message, SipAddress recipient, Origin origin,
            Set<CpmIcsi> requiredServices) {
        DispositionReport report = message.report();
        if (report != null && report.collapsible()) {
            return journal.claim(new JournalEntry.ReportClaim(report.original().value(), message.sender().uri(),
                    recipient.uri(), report.kind()))
                    .handleAsync((won, failure) -> failure != null
                            ? CompletableFuture.completedFuture(SendOutcome.refused(notRecorded()))
                            : won ? attempt(message, recipient, origin, requiredServices).outcome
                                    : CompletableFuture.completedFuture(SendOutcome.COLLAPSED),
                            origin.continuation())
                    .thenCompose(outcome -> outcome);
        }
        return attempt(message, recipient, origin, requiredServices).outcome;
    }

    /**
     * Sends a message to each listed recipient (RFC 5365). Accepted once every copy is recorded
     * (each recipient's devices report their own delivery); refused only when no recipient can
     * take it at all.
     */
    public CompletionStage<SendOutcome> sendToList(CpmMessage message, List<SipAddress> recipients, Origin origin,
            Set<CpmIcsi> requiredServices) {
        List<CompletableFuture<Void>> copies = new ArrayList<>();
        for (SipAddress recipient : recipients) {
            Attempt attempt = attempt(message, recipient, origin, requiredServices);
            if (attempt.durable != null) {
                copies.add(attempt.durable);
            }
        }
        if (copies.isEmpty()) {
            return CompletableFuture.completedFuture(SendOutcome.refused(Refusal.of(Refusal.Reason.NO_RECIPIENT_AVAILABLE,
                    "no listed recipient can receive the message")));
        }
        return CompletableFuture.allOf(copies.toArray(new CompletableFuture[0]))
                .handle((done, failure) -> failure == null ? SendOutcome.ACCEPTED : SendOutcome.refused(notRecorded()));
    }

    /**
     * The devices a request to a user should reach now (a capability query, RFC 3840), or why
     * there are none: not a user here (404), or no device registered (480).
     */
    public Reach reach(SipAddress user) {
        if (!settings.servesDomain(user.domain())) {
            return new Reach(List.of(), Refusal.of(Refusal.Reason.DOMAIN_NOT_SERVED, "domain " + user.domain() + " not served here"));
        }
        List<Device> devices = registered.of(user);
        if (!devices.isEmpty()) {
            return new Reach(devices, null);
        }
        return new Reach(List.of(), directory.exists(user)
                ? Refusal.of(Refusal.Reason.RECIPIENT_UNAVAILABLE, "no device of the user is registered")
                : Refusal.of(Refusal.Reason.NO_SUCH_USER, "no such user"));
    }

    /** The devices of a user to reach now, or the refusal when there are none. */
    public record Reach(List<Device> devices, Refusal refusal) {
    }

    /** One recipient's part of the story; {@code durable} is null when it was refused before any record. */
    private static final class Attempt {
        final CompletableFuture<Void> durable;
        final CompletionStage<SendOutcome> outcome;

        Attempt(CompletableFuture<Void> durable, CompletionStage<SendOutcome> outcome) {
            this.durable = durable;
            this.outcome = outcome;
        }

        static Attempt refused(Refusal refusal) {
            return new Attempt(null, CompletableFuture.completedFuture(SendOutcome.refused(refusal)));
        }
    }

    private Attempt attempt(CpmMessage message, SipAddress recipient, Origin origin, Set<CpmIcsi> requiredServices) {
        if (!settings.servesDomain(recipient.domain())) {
            return Attempt.refused(Refusal.of(Refusal.Reason.DOMAIN_NOT_SERVED,
                    "domain " + recipient.domain() + " not served here"));
        }
        List<Device> devices = registered.of(recipient);
        if (devices.isEmpty() && !directory.exists(recipient)) {
            return Attempt.refused(Refusal.of(Refusal.Reason.NO_SUCH_USER, "no such user"));
        }
        PolicyDecision decision = policies.evaluate(new PagerContext(message.sender(), recipient,
                message.userContentType(), message.size(), preferences.of(recipient)));
        if (decision.kind() == PolicyDecision.Kind.REJECT) {
            return refused(null, message, recipient, decision.refusal());
        }
        if (!requiredServices.isEmpty() && !devices.isEmpty()) {
            devices = devices.stream().filter(d -> d.services().containsAll(requiredServices)).collect(Collectors.toList());
            if (devices.isEmpty()) {
                return Attempt.refused(Refusal.of(Refusal.Reason.NO_CAPABLE_DEVICE,
                        "no device of the recipient offers the required service"));
            }
        }
        String recordId = RecordIds.next();
        CompletableFuture<Void> recorded = journal.record(new JournalEntry.Message(recordId, recipient, message)
                .withEvents(events.accepted(recordId, message, recipient)));
        if (decision.kind() == PolicyDecision.Kind.DISCARD) {
            // the sender must not learn it is blocked: it looks delivered
            return new Attempt(recorded, outcomeWhenDurable(recorded, SendOutcome.DISCARDED));
        }
        if (devices.isEmpty()) {
            return defer(message, recipient, recordId, recorded);
        }
        DeviceMessenger messenger = messengers.get();
        if (messenger == null) {
            return defer(message, recipient, recordId, recorded); // the SIP layer is still starting
        }
        CompletionStage<SendOutcome> outcome = new DeviceFork(devices,
                (device, answer) -> deviceAnswered(recordId, message, recipient, device, answer))
                .start(messenger, origin, recipient, message, deadlines, deliveryTimeoutMillis)
                .thenCompose(answer -> {
                    switch (answer.kind()) {
                        case ACCEPTED:
                            return outcomeWhenDurable(recorded, SendOutcome.DELIVERED);
                        case REFUSED:
                            return refused(recordId, message, recipient, answer.refusal()).outcome;
                        default:
                            // every device failed or none answered in time: keep it for later
                            return defer(message, recipient, recordId, recorded).outcome;
                    }
                });
        return new Attempt(recorded, outcome);
    }

    /** Hands the message to the Deferred Messaging Function: deferred once both records are durable. */
    private Attempt defer(CpmMessage message, SipAddress recipient, String recordId, CompletableFuture<Void> recorded) {
        return deferred.refusal(recipient, message.size())
                .map(full -> refused(recordId, message, recipient, Refusal.of(Refusal.Reason.RECIPIENT_UNAVAILABLE, full)))
                .orElseGet(() -> {
                    CompletableFuture<Void> both = CompletableFuture.allOf(recorded, deferred.store(message, recipient, recordId));
                    return new Attempt(both, outcomeWhenDurable(both, SendOutcome.DEFERRED));
                });
    }

    private void deviceAnswered(String recordId, CpmMessage message, SipAddress recipient, Device device, DeviceAnswer answer) {
        journal.record(new JournalEntry.Delivery(RecordIds.next(), recordId, device.bindingKey(),
                answer.protocolStatus(), answer.detail(), Instant.now())
                .withEvents(answer.accepted() ? events.delivered(recordId, message, recipient, device) : List.of()));
    }

    /**
     * The message will not reach the recipient: the sender is told once the {@code failed} event
     * is written (at once when no event is written at all).
     *
     * @param recordId the message's record, or null when it was refused before it was recorded
     */
    private Attempt refused(String recordId, CpmMessage message, SipAddress recipient, Refusal refusal) {
        CompletableFuture<Void> noted = journal.record(new JournalEntry.Events(events.failed(recordId, message, recipient,
                refusal)));
        return new Attempt(null, noted.handle((done, failure) -> SendOutcome.refused(refusal)));
    }

    private static CompletionStage<SendOutcome> outcomeWhenDurable(CompletableFuture<Void> durable, SendOutcome outcome) {
        return durable.handle((done, failure) -> failure == null ? outcome : SendOutcome.refused(notRecorded()));
    }

    private static Refusal notRecorded() {
        return Refusal.of(Refusal.Reason.NOT_RECORDED, "message could not be recorded");
    }
}
