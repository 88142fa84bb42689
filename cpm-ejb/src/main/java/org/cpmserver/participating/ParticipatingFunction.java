package org.cpmserver.participating;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.deferred.DeferredMessaging;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.participating.policy.PagerContext;
import org.cpmserver.participating.policy.PolicyChain;
import org.cpmserver.participating.policy.PolicyDecision;
import org.cpmserver.preferences.PreferencesService;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.Registrar;
import org.cpmserver.subscriber.SubscriberDirectory;

/**
 * The CPM Participating Function for pager mode (OMA CPM AD §5.3.1.3.1): applies service
 * provider policy over user preferences, finds the recipient's devices, and records the message.
 * The SIP layer carries the outcome; nothing here knows SIP signalling.
 */
@ApplicationScoped
public class ParticipatingFunction {

    @Inject
    CpmSettings settings;

    @Inject
    Registrar registrar;

    @Inject
    SubscriberDirectory directory;

    @Inject
    PreferencesService preferences;

    @Inject
    PolicyChain policies;

    @Inject
    MessageJournal journal;

    @Inject
    DeferredMessaging deferred;

    /**
     * Where a message goes for one recipient.
     *
     * @param requiredServices CPM services the sender requires of the device ({@code Accept-Contact}
     *     with {@code require}); empty for any device
     */
    public PagerRouting route(PagerMessage message, SipAddress recipient, Set<CpmIcsi> requiredServices) {
        if (!settings.servesDomain(recipient.domain())) {
            return PagerRouting.reject(404, "Not Found: domain " + recipient.domain() + " not served here");
        }
        List<Device> devices = registrar.devicesOf(recipient);
        if (devices.isEmpty() && !directory.exists(recipient)) {
            return PagerRouting.reject(404, "Not Found: no such user");
        }
        PolicyDecision decision = policies.evaluate(new PagerContext(message.sender(), recipient,
                message.userContentType(), message.body().length, preferences.of(recipient)));
        if (decision.kind() == PolicyDecision.Kind.REJECT) {
            return PagerRouting.reject(decision.status(), decision.reason());
        }
        if (decision.kind() == PolicyDecision.Kind.DISCARD) {
            return PagerRouting.discard(decision.reason());
        }
        if (devices.isEmpty()) {
            return PagerRouting.defer(); // offline: the Deferred Messaging Function keeps it
        }
        if (!requiredServices.isEmpty()) {
            devices = devices.stream().filter(d -> d.services().containsAll(requiredServices)).collect(Collectors.toList());
            if (devices.isEmpty()) {
                return PagerRouting.reject(480, "Temporarily Unavailable: no device of the recipient offers the required service");
            }
        }
        return PagerRouting.deliver(devices);
    }

    /**
     * Records the accepted message for one recipient. The returned record carries the id that
     * delivery outcomes refer to, and a future that completes once the message is durable.
     */
    public Recorded record(PagerMessage message, SipAddress recipient) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Void> durable = journal.record(new JournalEntry.Message(id, message.imdnMessageId(),
                message.conversationId(), message.contributionId(), message.inReplyToContributionId(),
                message.sender().uri(), recipient.uri(), message.contentType(), message.body(), message.callId(),
                message.receivedAt()));
        return new Recorded(id, durable);
    }

    /**
     * Keeps a message for a recipient that cannot take it now. Empty when the store refuses it
     * (the reason is in {@code refusal}); otherwise the future of the commit, after which the
     * sender may be told 202.
     */
    public Optional<CompletableFuture<Void>> defer(PagerMessage message, SipAddress recipient, StringBuilder refusal) {
        Optional<String> full = deferred.refusal(recipient, message.body().length);
        if (full.isPresent()) {
            refusal.append(full.get());
            return Optional.empty();
        }
        return Optional.of(deferred.store(message.sender(), recipient, message.imdnMessageId(), message.conversationId(),
                message.contributionId(), message.contentType(), message.body(), message.receivedAt()));
    }

    /** How one device answered one recorded message. */
    public void deviceAnswered(String recordId, Device device, int status, String reason) {
        journal.record(new JournalEntry.Delivery(UUID.randomUUID().toString(), recordId, device.bindingKey(), status,
                reason, Instant.now()));
    }

    /** A message handed to the journal: its id and when it is durable. */
    public static final class Recorded {
        private final String id;
        private final CompletableFuture<Void> durable;

        Recorded(String id, CompletableFuture<Void> durable) {
            this.id = id;
            this.durable = durable;
        }

        public String id() {
            return id;
        }

        public CompletableFuture<Void> durable() {
            return durable;
        }
    }
}
