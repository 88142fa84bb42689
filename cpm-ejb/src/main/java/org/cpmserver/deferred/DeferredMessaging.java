package org.cpmserver.deferred;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Resource;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;
import javax.jms.JMSContext;
import javax.jms.JMSProducer;
import javax.jms.Message;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.DeviceRegistered;
import org.cpmserver.registrar.Registrar;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CPM Deferred Messaging Function (OMA CPM AD §5.3.1.3.4): keeps messages for a recipient
 * none of whose devices could take them, and pushes them, oldest first, to each device that
 * registers. Push work travels over a JMS queue, so it survives a restart and is shared by the
 * nodes of a cluster; each (message, device) pair is delivered once, which the store enforces.
 * A delivered message stays for the linger time so that the user's other devices get it too
 * (see {@link DeferredExpiry}).
 */
@ApplicationScoped
public class DeferredMessaging {

    static final String PUSH_QUEUE = "cpm.deferred.push";
    private static final Logger LOG = Logger.getLogger(DeferredMessaging.class.getName());

    @Inject
    MessageJournal journal;

    @Inject
    DeferredStore store;

    @Inject
    Registrar registrar;

    @Inject
    DeviceMessengers messengers;

    @Resource(lookup = "jms/cpm")
    ConnectionFactory connectionFactory;

    @Inject
    @ConfigProperty(name = "cpm.deferred.expiry-seconds", defaultValue = "604800")
    long expirySeconds;

    @Inject
    @ConfigProperty(name = "cpm.deferred.max-messages", defaultValue = "1000")
    long maxMessages;

    @Inject
    @ConfigProperty(name = "cpm.deferred.max-bytes", defaultValue = "10485760")
    long maxBytes;

    @Inject
    @ConfigProperty(name = "cpm.deferred.retry-seconds", defaultValue = "30")
    long retrySeconds;

    @Inject
    @ConfigProperty(name = "cpm.deferred.max-attempts", defaultValue = "10")
    int maxAttempts;

    Clock clock = Clock.systemUTC();

    /** Why a message cannot be stored for this recipient, if it cannot. */
    public Optional<String> refusal(SipAddress recipient, int size) {
        long[] usage = store.usage(recipient.uri());
        if (usage[0] + 1 > maxMessages) {
            return Optional.of("the recipient's deferred store is full (" + maxMessages + " messages)");
        }
        if (usage[1] + size > maxBytes) {
            return Optional.of("the recipient's deferred store is full (" + maxBytes + " bytes)");
        }
        return Optional.empty();
    }

    /**
     * Stores a message for later delivery; the future completes once it is committed, which is
     * when the sender may be told 202. When the recipient has devices (they all failed just now),
     * a retry is scheduled for each.
     */
    public CompletableFuture<Void> store(SipAddress sender, SipAddress recipient, String imdnMessageId, String conversationId,
            String contributionId, String contentType, byte[] body, Instant receivedAt) {
        CompletableFuture<Void> committed = journal.record(new JournalEntry.Deferred(UUID.randomUUID().toString(),
                recipient.uri(), sender.uri(), imdnMessageId, conversationId, contributionId, contentType, body, receivedAt,
                receivedAt.plusSeconds(expirySeconds)));
        List<Device> devices = registrar.devicesOf(recipient);
        if (!devices.isEmpty()) {
            committed.thenRun(() -> devices.forEach(d -> requestPush(d, 1, Duration.ofSeconds(retrySeconds))));
        }
        return committed;
    }

    /** A device registered: push what waits for its user. */
    void onRegistered(@Observes DeviceRegistered event) {
        requestPush(event.device(), 1, Duration.ZERO);
    }

    private void requestPush(Device device, int attempt, Duration delay) {
        try (JMSContext context = connectionFactory.createContext()) {
            JMSProducer producer = context.createProducer()
                    .setProperty("aor", device.aor().uri())
                    .setProperty("device", device.bindingKey())
                    .setProperty("attempt", attempt)
                    // one device's pushes are handled one at a time, in order, on any node
                    .setProperty("JMSXGroupID", device.aor().uri() + "|" + device.bindingKey());
            if (!delay.isZero()) {
                producer.setDeliveryDelay(delay.toMillis());
            }
            producer.send(context.createQueue(PUSH_QUEUE), device.aor().uri());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not queue deferred push for " + device.aor() + " (" + device.bindingKey() + ")", e);
        }
    }

    /** Handles one push request (called by the queue's listener). */
    void push(Message request) throws javax.jms.JMSException {
        SipAddress aor = SipAddress.parse(request.getStringProperty("aor"));
        String key = request.getStringProperty("device");
        int attempt = request.getIntProperty("attempt");
        Device device = registrar.devicesOf(aor).stream().filter(d -> d.bindingKey().equals(key)).findFirst().orElse(null);
        if (device == null) {
            return; // gone since: its next registration will ask again
        }
        DeviceMessenger messenger = messengers.get();
        if (messenger == null) {
            requestPush(device, attempt, Duration.ofSeconds(2)); // the SIP layer is still starting
            return;
        }
        Instant now = clock.instant();
        for (DeferredRecord message : store.waitingFor(aor.uri(), now)) {
            if (store.deliveredTo(message.id()).contains(key)) {
                continue;
            }
            int status;
            try {
                status = messenger.send(device, message).toCompletableFuture().get(40, TimeUnit.SECONDS);
            } catch (Exception e) {
                status = 408;
            }
            if (status >= 300) {
                if (attempt < maxAttempts) {
                    long backoff = Math.min(retrySeconds << Math.min(attempt - 1, 16), TimeUnit.HOURS.toSeconds(1));
                    requestPush(device, attempt + 1, Duration.ofSeconds(backoff));
                } else {
                    LOG.info("deferred push to " + aor + " (" + key + ") gave up after " + attempt + " attempts");
                }
                return; // keep the order: nothing newer before this one
            }
            store.markDelivered(message.id(), key, clock.instant());
        }
    }
}
