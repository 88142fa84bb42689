package org.cpmserver.deferred;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.annotation.Resource;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;
import javax.jms.JMSContext;
import javax.jms.JMSProducer;
import javax.jms.Message;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.delivery.DeviceMessenger;
import org.cpmserver.delivery.DeviceMessengers;
import org.cpmserver.delivery.Origin;
import org.cpmserver.events.MessageEvents;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.preferences.PreferencesCache;
import org.cpmserver.preferences.UserPreferences;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.deferred.DeferredList;
import org.cpmserver.protocol.deferred.DeferredXml;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.DeviceRegistered;
import org.cpmserver.registrar.RegisteredDevices;
import org.cpmserver.subscriber.UserRemoved;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CPM Deferred Messaging Function (OMA CPM AD §5.3.1.3.4): keeps messages for a recipient
 * none of whose devices could take them, and delivers them when a device registers, in one of the
 * two ways the AD names:
 * <ul>
 *   <li><b>push</b>: each stored message goes to the device, oldest first;</li>
 *   <li><b>pull</b> (a device registered with the CPM deferred ICSI, or a user whose preference
 *       says pull): the device gets one MESSAGE listing what waits ({@link DeferredXml}), and then
 *       names the messages it wants ({@link #retrieve}) or fetches them over REST.</li>
 * </ul>
 * All of this work travels over one JMS queue, so it survives a restart and is shared by the
 * nodes of a cluster; each (message, device) pair is delivered once, which the store enforces, and
 * one device's work is done one request at a time. A pushed message stays for the linger time so
 * that the user's other devices get it too (see {@link DeferredExpiry}); a retrieved one is
 * removed once delivered. For a sender who asked (RFC 5438), the function reports on the
 * recipient's behalf that a message was stored, and that it expired undelivered.
 */
@ApplicationScoped
public class DeferredMessaging {

    static final String PUSH_QUEUE = "cpm.deferred.push";
    private static final Logger LOG = Logger.getLogger(DeferredMessaging.class.getName());

    /** The kinds of work on the queue ("kind" property; absent on requests queued by older versions: push). */
    private static final String PUSH = "push";
    private static final String LIST = "list";
    private static final String RETRIEVE = "retrieve";
    private static final String STORED = "stored";

    /** The most entries one list MESSAGE names (fewer when the pager size limit needs it). */
    static final int LIST_ENTRIES = 20;

    @Inject
    MessageJournal journal;

    @Inject
    DeferredStore store;

    @Inject
    MessageEvents events;

    @Inject
    RegisteredDevices registered;

    @Inject
    DeviceMessengers messengers;

    @Inject
    PreferencesCache preferences;

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

    /** The user part of the service address pull-mode devices talk to ({@code sip:deferred@<domain>}). */
    @Inject
    @ConfigProperty(name = "cpm.deferred.service-user", defaultValue = "deferred")
    String serviceUser;

    @Inject
    @ConfigProperty(name = "cpm.pager.max-size", defaultValue = "1300")
    int maxListBytes;

    Clock clock = Clock.systemUTC();

    /** When the next delayed push or list of each device is due, on this node (by {@link #scheduleKey}). */
    private final Map<String, Instant> scheduled = new ConcurrentHashMap<>();

    private static String scheduleKey(SipAddress aor, String deviceKey, String kind) {
        return aor.uri() + "|" + deviceKey + "|" + kind;
    }

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
     * when the sender may be told it is deferred. When the recipient has devices (they all failed
     * just now), a retry is scheduled for each push device and pull devices are told at once.
     * When the sender asked for processing notifications, the {@code stored} notification follows
     * the commit. The {@code deferred} event is written with the message.
     *
     * @param id the message's record for this recipient (the journal's), which the stored copy keeps
     */
    public CompletableFuture<Void> store(CpmMessage message, SipAddress recipient, String id) {
        CompletableFuture<Void> committed = journal.record(new DeferredRow(id, recipient, message,
                message.receivedAt().plusSeconds(expirySeconds)).withEvents(events.deferred(id, message, recipient)));
        boolean reportStored = DeferredNotifications.stored(message, recipient, message.receivedAt().atOffset(ZoneOffset.UTC))
                .isPresent();
        List<Device> devices = registered.of(recipient);
        if (reportStored || !devices.isEmpty()) {
            committed.thenRun(() -> {
                if (reportStored) {
                    queue(recipient, null, STORED, id, 1, Duration.ZERO);
                }
                for (Device d : devices) {
                    if (pulls(d)) {
                        queue(d, LIST, null, 1, Duration.ZERO);
                    } else {
                        queue(d, PUSH, null, 1, Duration.ofSeconds(retrySeconds));
                    }
                }
            });
        }
        return committed;
    }

    /** A removed user's waiting messages go with it: nobody can ever retrieve them. */
    void onUserRemoved(@Observes UserRemoved removed) {
        int dropped = store.removeAllFor(removed.user().uri());
        if (dropped > 0) {
            LOG.info("deferred messaging: " + dropped + " message(s) waiting for removed user " + removed.user() + " dropped");
        }
    }

    /** A device registered: push what waits for its user, or tell a pull device what waits. */
    void onRegistered(@Observes DeviceRegistered event) {
        Device device = event.device();
        queue(device, pulls(device) ? LIST : PUSH, null, 1, Duration.ZERO);
    }

    /**
     * Whether stored messages are announced to this device rather than pushed: it registered with
     * the CPM deferred ICSI, or its user prefers pull.
     */
    public boolean pulls(Device device) {
        return device.services().contains(CpmIcsi.DEFERRED)
                || preferences.of(device.aor()).deferredDelivery() == UserPreferences.DeferredDelivery.PULL;
    }

    /** The address pull-mode lists come from and retrieval requests go to, in a served domain. */
    public SipAddress serviceAddress(String domain) {
        return SipAddress.of(serviceUser, domain);
    }

    /** Whether a Request-URI names the deferred messaging service rather than a user. */
    public boolean isServiceAddress(SipAddress address) {
        return address.user().equals(serviceUser);
    }

    /**
     * A pull device asks for stored messages of its user. Returns the ids that name no message
     * waiting for this user (then nothing is queued); otherwise the messages are queued for
     * delivery to the device, oldest first, and removed once it has them.
     */
    public List<String> retrieve(Device device, List<String> ids) {
        Instant now = clock.instant();
        List<String> unknown = ids.stream().filter(id -> store.find(device.aor().uri(), id, now).isEmpty())
                .collect(Collectors.toList());
        if (unknown.isEmpty()) {
            queue(device, RETRIEVE, String.join(",", ids), 1, Duration.ZERO);
        }
        return unknown;
    }

    /** What waits for a user, oldest first (one page). */
    public List<StoredMessage> waiting(SipAddress user, int offset, int limit) {
        return store.waitingFor(user.uri(), clock.instant(), offset, limit).stream().map(DeferredStore::stored)
                .collect(Collectors.toList());
    }

    /** How many messages wait for a user. */
    public long count(SipAddress user) {
        return store.countWaiting(user.uri(), clock.instant());
    }

    /** One message waiting for a user. */
    public Optional<StoredMessage> find(SipAddress user, String id) {
        return store.find(user.uri(), id, clock.instant()).map(DeferredStore::stored);
    }

    /**
     * Removes a message the user has retrieved (over REST): it is never pushed afterwards, and
     * its delivery marks go with it. False when the user has no message by that id.
     */
    public boolean remove(SipAddress user, String id) {
        return store.remove(user.uri(), id);
    }

    /**
     * Ends a message's stay (called by the expiry sweep): a message that expired before any
     * device got it turns, if its sender asked, into a {@code failed} notification for the sender,
     * stored in the same transaction that removes it.
     */
    void finish(DeferredRecord message, Instant now) {
        if (message.firstDeliveredAt() != null || message.expiresAt().isAfter(now)) {
            store.remove(message.id()); // delivered, and lingered long enough for the user's other devices
            return;
        }
        StoredMessage stored = DeferredStore.stored(message);
        Optional<DeferredNotifications.Notification> failed = DeferredNotifications.failed(stored.message(), stored.recipient(),
                now.atOffset(ZoneOffset.UTC));
        if (store.expire(message.id(), now, failed, now.plusSeconds(expirySeconds),
                events.expired(message.id(), stored.message(), stored.recipient()))) {
            failed.ifPresent(n -> announce(n.to()));
        }
    }

    /** Something new waits for a user: tell each registered device (list or push, now). */
    private void announce(SipAddress user) {
        for (Device d : registered.of(user)) {
            queue(d, pulls(d) ? LIST : PUSH, null, 1, Duration.ZERO);
        }
    }

    private void queue(Device device, String kind, String ids, int attempt, Duration delay) {
        if (ids == null && !delay.isZero()) {
            // a later push to the same device would find nothing the earlier one does not: while
            // thousands of messages are deferred for a busy device, one pending push serves them all
            Instant now = clock.instant();
            Instant at = now.plus(delay);
            String key = scheduleKey(device.aor(), device.bindingKey(), kind);
            Instant pending = scheduled.get(key);
            if (pending != null && pending.isAfter(now) && !pending.isAfter(at)) {
                return;
            }
            scheduled.merge(key, at, (a, b) -> a.isAfter(now) && a.isBefore(b) ? a : b);
        }
        // one device's work is handled one request at a time, in order, on any node
        queue(device.aor(), device.bindingKey(), kind, ids, attempt, delay);
    }

    private void queue(SipAddress aor, String deviceKey, String kind, String argument, int attempt, Duration delay) {
        try (JMSContext context = connectionFactory.createContext()) {
            JMSProducer producer = context.createProducer()
                    .setProperty("aor", aor.uri())
                    .setProperty("kind", kind)
                    .setProperty("attempt", attempt)
                    .setProperty("JMSXGroupID", aor.uri() + "|" + (deviceKey == null ? kind + ":" + argument : deviceKey));
            if (deviceKey != null) {
                producer.setProperty("device", deviceKey);
            }
            if (argument != null) {
                producer.setProperty("argument", argument);
            }
            if (!delay.isZero()) {
                producer.setDeliveryDelay(delay.toMillis());
            }
            producer.send(context.createQueue(PUSH_QUEUE), aor.uri());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not queue deferred " + kind + " for " + aor + " (" + deviceKey + ")", e);
        }
    }

    /** Handles one request of the queue (called by its listener). */
    void push(Message request) throws javax.jms.JMSException {
        SipAddress aor = SipAddress.parse(request.getStringProperty("aor"));
        String kind = request.propertyExists("kind") ? request.getStringProperty("kind") : PUSH;
        String argument = request.propertyExists("argument") ? request.getStringProperty("argument") : null;
        int attempt = request.getIntProperty("attempt");
        if (STORED.equals(kind)) {
            reportStored(aor, argument);
            return;
        }
        String key = request.getStringProperty("device");
        if (argument == null) {
            Instant now = clock.instant();
            scheduled.computeIfPresent(scheduleKey(aor, key, kind), (k, due) -> due.isAfter(now) ? due : null);
        }
        Device device = registered.of(aor).stream().filter(d -> d.bindingKey().equals(key)).findFirst().orElse(null);
        if (device == null) {
            return; // gone since: its next registration will ask again
        }
        DeviceMessenger messenger = messengers.get();
        if (messenger == null) {
            queue(device, kind, argument, attempt, Duration.ofSeconds(2)); // the SIP layer is still starting
            return;
        }
        if (RETRIEVE.equals(kind)) {
            deliverRetrieved(messenger, device, Set.copyOf(Arrays.asList(argument.split(","))), argument, attempt);
        } else if (LIST.equals(kind) || pulls(device)) {
            sendList(messenger, device, attempt);
        } else {
            pushAll(messenger, device, attempt);
        }
    }

    private void pushAll(DeviceMessenger messenger, Device device, int attempt) {
        for (DeferredRecord message : store.waitingFor(device.aor().uri(), device.bindingKey(), clock.instant())) {
            if (!answered(send(messenger, device, message), device, PUSH, null, attempt)) {
                return; // keep the order: nothing newer before this one
            }
            markDelivered(message, device);
        }
    }

    /** The messages a pull device asked for, oldest first; each removed once the device has it. */
    private void deliverRetrieved(DeviceMessenger messenger, Device device, Set<String> ids, String argument, int attempt) {
        Set<String> undelivered = store.waitingFor(device.aor().uri(), device.bindingKey(), clock.instant()).stream()
                .map(DeferredRecord::id).collect(Collectors.toSet());
        for (DeferredRecord message : store.waitingFor(device.aor().uri(), clock.instant())) {
            if (!ids.contains(message.id())) {
                continue;
            }
            if (undelivered.contains(message.id())) {
                if (!answered(send(messenger, device, message), device, RETRIEVE, argument, attempt)) {
                    return;
                }
                markDelivered(message, device);
            }
            store.remove(message.id());
        }
    }

    /** Records that a device has a stored message, with its {@code delivered} event, in one transaction. */
    private void markDelivered(DeferredRecord record, Device device) {
        StoredMessage stored = DeferredStore.stored(record);
        store.markDelivered(record.id(), device.bindingKey(), clock.instant(),
                events.delivered(record.id(), stored.message(), stored.recipient(), device));
    }

    /** One MESSAGE telling a pull device what waits for it (nothing when nothing waits). */
    private void sendList(DeviceMessenger messenger, Device device, int attempt) {
        List<DeferredRecord> waiting = store.waitingFor(device.aor().uri(), device.bindingKey(), clock.instant());
        if (waiting.isEmpty()) {
            return;
        }
        byte[] body = listBody(device.aor(), waiting, maxListBytes);
        answered(messenger.notice(device, serviceAddress(device.aor().domain()), DeferredXml.LIST_TYPE, body),
                device, LIST, null, attempt);
    }

    /** A stored message to one device, as the server's own request, its identities unchanged. */
    private static CompletionStage<DeviceAnswer> send(DeviceMessenger messenger, Device device, DeferredRecord record) {
        StoredMessage stored = DeferredStore.stored(record);
        return messenger.send(Origin.SERVER, device, stored.recipient(), stored.message());
    }

    /**
     * The list document: as many of the oldest entries as fit in {@code maxBytes} (at least one),
     * with the total count, so a device learns that more wait than are listed.
     */
    static byte[] listBody(SipAddress user, List<DeferredRecord> waiting, int maxBytes) {
        List<DeferredList.Entry> entries = new ArrayList<>();
        for (DeferredRecord m : waiting) {
            if (entries.size() == LIST_ENTRIES) {
                break;
            }
            entries.add(entry(m));
        }
        byte[] body = DeferredXml.writeList(new DeferredList(user.uri(), waiting.size(), entries));
        while (body.length > maxBytes && entries.size() > 1) {
            entries.remove(entries.size() - 1);
            body = DeferredXml.writeList(new DeferredList(user.uri(), waiting.size(), entries));
        }
        return body;
    }

    /** The list entry of a stored message. */
    public static DeferredList.Entry entry(StoredMessage m) {
        return new DeferredList.Entry(m.id(), m.message().imdn().orElse(null), m.message().sender().uri(),
                m.message().receivedAt().atOffset(ZoneOffset.UTC), m.message().size(), contentType(m.message().contentType()));
    }

    private static ContentType contentType(String text) {
        try {
            return ContentType.parse(text);
        } catch (ProtocolException e) {
            return ContentType.of("application", "octet-stream");
        }
    }

    static DeferredList.Entry entry(DeferredRecord m) {
        return entry(DeferredStore.stored(m));
    }

    /**
     * Waits for a device's answer; on failure schedules the same work again with backoff (up to
     * the attempt limit) and returns false.
     */
    private boolean answered(CompletionStage<DeviceAnswer> sent, Device device, String kind, String argument, int attempt) {
        boolean accepted;
        try {
            accepted = sent.toCompletableFuture().get(40, TimeUnit.SECONDS).accepted();
        } catch (Exception e) {
            accepted = false; // no answer is no delivery: try again later
        }
        if (accepted) {
            return true;
        }
        if (attempt < maxAttempts) {
            long backoff = Math.min(retrySeconds << Math.min(attempt - 1, 16), TimeUnit.HOURS.toSeconds(1));
            queue(device, kind, argument, attempt + 1, Duration.ofSeconds(backoff));
        } else {
            LOG.info("deferred " + kind + " to " + device.aor() + " (" + device.bindingKey() + ") gave up after " + attempt
                    + " attempts");
        }
        return false;
    }

    /** Tells the sender of a stored message, on the recipient's behalf, that it was stored (RFC 5438 processing). */
    private void reportStored(SipAddress recipient, String deferredId) {
        Instant now = clock.instant();
        Optional<DeferredRecord> message = store.find(recipient.uri(), deferredId, now);
        if (message.isEmpty()) {
            return; // delivered and gone already: the device's own delivery notification says more
        }
        StoredMessage m = DeferredStore.stored(message.get());
        Optional<DeferredNotifications.Notification> stored = DeferredNotifications.stored(m.message(), m.recipient(),
                now.atOffset(ZoneOffset.UTC));
        if (stored.isPresent()) {
            store.add(stored.get(), now.plusSeconds(expirySeconds));
            announce(stored.get().to());
        }
    }
}
