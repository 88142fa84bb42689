package org.cpmserver.registrar;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import javax.enterprise.context.ApplicationScoped;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * The live bindings in memory: who can be reached on which device now. Every pager message asks
 * it on the signalling thread, so it is a plain CDI bean that never touches the database; the
 * {@link Registrar} (an EJB: start-up load, expiry timer, database) is its only writer and changes
 * it only after the database committed.
 */
@ApplicationScoped
public class RegisteredDevices {

    Clock clock = Clock.systemUTC();

    private final Map<SipAddress, List<Device>> byAor = new ConcurrentHashMap<>();

    /** The live devices of a user, in registration order. */
    public List<Device> of(SipAddress aor) {
        List<Device> devices = byAor.get(aor);
        if (devices == null) {
            return List.of();
        }
        Instant now = clock.instant();
        for (Device d : devices) {
            if (!d.isLiveAt(now)) {
                return devices.stream().filter(live -> live.isLiveAt(now)).collect(Collectors.toUnmodifiableList());
            }
        }
        return devices;
    }

    /** How many devices are registered now, over all users (for metrics). */
    public int count() {
        Instant now = clock.instant();
        return byAor.values().stream().mapToInt(list -> (int) list.stream().filter(d -> d.isLiveAt(now)).count()).sum();
    }

    // ----- the registrar's side -----

    /** Sets a user's bindings (none: the user has no binding left). */
    void set(SipAddress aor, List<Device> devices) {
        if (devices.isEmpty()) {
            byAor.remove(aor);
        } else {
            byAor.put(aor, List.copyOf(devices));
        }
    }

    /** Adds the bindings of a user found at start-up, unless the user's bindings were set meanwhile. */
    void load(SipAddress aor, List<Device> devices) {
        byAor.putIfAbsent(aor, List.copyOf(devices));
    }

    /** A user's bindings as stored, expired ones included. */
    List<Device> stored(SipAddress aor) {
        return byAor.getOrDefault(aor, List.of());
    }

    /** Replaces each user's bindings by what the function returns; users left without bindings are dropped. */
    void replaceAll(BiFunction<SipAddress, List<Device>, List<Device>> function) {
        byAor.replaceAll((aor, devices) -> List.copyOf(function.apply(aor, devices)));
        byAor.values().removeIf(List::isEmpty);
    }
}
