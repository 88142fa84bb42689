package org.cpmserver.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.annotation.PostConstruct;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.Schedule;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.enterprise.event.Event;
import javax.inject.Inject;
import org.cpmserver.jpa.registration.Registration;
import org.cpmserver.protocol.capability.FeatureTags;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.schema.RecordIds;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The location service of standalone mode (RFC 3261 §10.3) and the record of who is registered
 * in IMS mode (third-party REGISTER). Bindings are stored in the database, so they survive a
 * restart, and mirrored in memory ({@link RegisteredDevices}), because every pager message reads
 * them on the signalling path.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before this bean touches the database
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Registrar {

    private static final Logger LOG = Logger.getLogger(Registrar.class.getName());

    @Inject
    RegistrationStore store;

    @Inject
    @ConfigProperty(name = "cpm.registrar.expires.min", defaultValue = "60")
    int minExpires;

    @Inject
    @ConfigProperty(name = "cpm.registrar.expires.max", defaultValue = "7200")
    int maxExpires;

    @Inject
    @ConfigProperty(name = "cpm.registrar.expires.default", defaultValue = "3600")
    int defaultExpires;

    @Inject
    Event<DeviceRegistered> registered;

    @Inject
    Event<DeviceDeregistered> deregistered;

    @Inject
    RegisteredDevices devices;

    Clock clock = Clock.systemUTC();

    private final Map<SipAddress, Object> locks = new ConcurrentHashMap<>();

    private volatile boolean loaded;

    /**
     * Loads the live bindings. A database that is down at start-up must not stop the server
     * (readiness reports it); loading is retried by the expiry timer until it succeeds.
     */
    @PostConstruct
    void start() {
        try {
            load();
        } catch (RuntimeException e) {
            LOG.warning("registrar: bindings not loaded yet (" + e.getMessage() + "); retrying every 15 s");
        }
    }

    private synchronized void load() {
        if (loaded) {
            return;
        }
        List<Registration> live = store.live(clock.instant());
        Map<SipAddress, List<Device>> byUser = new HashMap<>();
        for (Registration r : live) {
            byUser.computeIfAbsent(SipAddress.parse(r.aor()), k -> new ArrayList<>()).add(toDevice(r));
        }
        byUser.forEach(devices::load);
        this.loaded = true;
        LOG.info("registrar: " + live.size() + " live registration(s) loaded");
    }

    /**
     * Applies one REGISTER and returns the user's bindings afterwards (for the 200's Contacts).
     * A fetch (no Contact) changes nothing. REGISTERs of one user are applied one at a time, and
     * memory changes only after the database committed.
     */
    public List<Device> update(BindingUpdate update) throws RegistrationRefused {
        Object lock = locks.computeIfAbsent(update.aor, k -> new Object());
        synchronized (lock) {
            Instant now = clock.instant();
            List<Device> current = devices.of(update.aor);
            List<String> removed = new ArrayList<>();
            List<Registration> persisted = new ArrayList<>();
            List<Device> result = new ArrayList<>(current);
            List<Device> added = new ArrayList<>();
            List<Device> gone = new ArrayList<>();
            if (update.wildcard) {
                if (update.expiresHeader.orElse(-1) != 0 || !update.contacts.isEmpty()) {
                    throw new RegistrationRefused(RegistrationRefused.Reason.MALFORMED, "Contact * needs Expires: 0 and no other Contact");
                }
                for (Device d : current) {
                    checkOrder(d, update);
                    removed.add(d.registrationId());
                }
                gone.addAll(current);
                result.clear();
            }
            for (BindingUpdate.ContactBinding contact : update.contacts) {
                int expires = contact.expires.isPresent() ? contact.expires.getAsInt() : update.expiresHeader.orElse(defaultExpires);
                if (expires != 0 && expires < minExpires) {
                    throw new RegistrationRefused(RegistrationRefused.Reason.INTERVAL_TOO_BRIEF, "expires shorter than " + minExpires + " s",
                            minExpires);
                }
                expires = Math.min(expires, maxExpires);
                String key = contact.instanceId != null ? contact.instanceId : contact.uri;
                Device existing = result.stream().filter(d -> d.bindingKey().equals(key)).findFirst().orElse(null);
                if (existing != null) {
                    checkOrder(existing, update);
                    result.remove(existing);
                    removed.add(existing.registrationId());
                }
                if (expires == 0) {
                    if (existing != null) {
                        gone.add(existing);
                    }
                    continue;
                }
                Registration r = new Registration(RecordIds.next(), update.aor.uri(), key, contact.instanceId,
                        contact.uri, update.path, contact.featureTags, update.callId, update.cseq, update.source, now,
                        now.plus(Duration.ofSeconds(expires)));
                persisted.add(r);
                Device device = toDevice(r);
                result.add(device);
                if (existing == null) {
                    added.add(device);
                }
            }
            if (!removed.isEmpty() || !persisted.isEmpty()) {
                store.replace(removed, persisted);
                devices.set(update.aor, result);
            }
            added.forEach(d -> registered.fire(new DeviceRegistered(d)));
            gone.forEach(d -> deregistered.fire(new DeviceDeregistered(d, DeviceDeregistered.Why.UNREGISTERED)));
            return Collections.unmodifiableList(result);
        }
    }

    /** Removes every binding of a user (the user was deprovisioned). */
    public void forget(SipAddress aor) {
        Object lock = locks.computeIfAbsent(aor, k -> new Object());
        synchronized (lock) {
            List<Device> bound = devices.stored(aor);
            store.replace(bound.stream().map(Device::registrationId).collect(Collectors.toList()), List.of());
            devices.set(aor, List.of());
            bound.forEach(d -> deregistered.fire(new DeviceDeregistered(d, DeviceDeregistered.Why.USER_REMOVED)));
        }
    }

    private static void checkOrder(Device existing, BindingUpdate update) throws RegistrationRefused {
        // RFC 3261 §10.3 step 7: a retransmitted or reordered REGISTER must not undo a newer one
        if (existing.callId().equals(update.callId) && update.cseq <= existing.cseq()) {
            throw new RegistrationRefused(RegistrationRefused.Reason.OUT_OF_ORDER, "REGISTER out of order (CSeq " + update.cseq + ")");
        }
    }

    /** Drops expired bindings from memory and from the database. */
    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void expire() {
        if (!loaded) {
            try {
                load();
            } catch (RuntimeException e) {
                LOG.fine("registrar: bindings still not loaded: " + e.getMessage());
                return;
            }
        }
        Instant now = clock.instant();
        List<Device> expired = new ArrayList<>();
        devices.replaceAll((aor, bound) -> {
            Map<Boolean, List<Device>> live = bound.stream().collect(Collectors.partitioningBy(d -> d.isLiveAt(now)));
            expired.addAll(live.get(false));
            return live.get(true);
        });
        int removed = store.deleteExpired(now);
        if (removed > 0) {
            LOG.fine("registrar: " + removed + " expired registration(s) removed");
        }
        expired.forEach(d -> deregistered.fire(new DeviceDeregistered(d, DeviceDeregistered.Why.EXPIRED)));
    }

    private static Device toDevice(Registration r) {
        return new Device(r.id(), SipAddress.parse(r.aor()), r.bindingKey(), r.instanceId(), r.contactUri(), r.path(),
                r.featureTags(), FeatureTags.servicesDeclaredIn(r.featureTags()), r.callId(), r.cseq(), r.source(), r.registeredAt(), r.expiresAt());
    }
}
