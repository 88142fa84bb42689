package org.cpmserver.preferences;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.cpmserver.jpa.preferences.PreferencesRecord;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * Reads and writes user preferences. Every message consults its recipient's preferences, so
 * they are cached; the cache entry of a user is replaced on write and reloaded after
 * {@link #TTL} so that a change made through another node is seen within that time.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PreferencesService {

    static final Duration TTL = Duration.ofSeconds(30);

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    private static final class Cached {
        final UserPreferences preferences;
        final Instant loadedAt;

        Cached(UserPreferences preferences, Instant loadedAt) {
            this.preferences = preferences;
            this.loadedAt = loadedAt;
        }
    }

    private final Map<SipAddress, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    PreferencesLoader loader;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserPreferences of(SipAddress user) {
        Instant now = clock.instant();
        Cached cached = cache.get(user);
        if (cached == null || cached.loadedAt.plus(TTL).isBefore(now)) {
            cached = new Cached(loader.load(user), now);
            cache.put(user, cached);
        }
        return cached.preferences;
    }

    public void store(SipAddress user, UserPreferences preferences) {
        em.merge(new PreferencesRecord(user.uri(),
                preferences.blockedSenders().stream().map(SipAddress::uri).sorted().collect(Collectors.joining("\n")),
                String.join(",", preferences.allowedContentTypes()),
                preferences.maxMessageSize().isPresent() ? preferences.maxMessageSize().getAsInt() : null,
                preferences.deferredDelivery().name()));
        cache.put(user, new Cached(preferences, clock.instant()));
    }

    public void forget(SipAddress user) {
        PreferencesRecord r = em.find(PreferencesRecord.class, user.uri());
        if (r != null) {
            em.remove(r);
        }
        cache.remove(user);
    }

    static UserPreferences fromRecord(PreferencesRecord r) {
        if (r == null) {
            return UserPreferences.NONE;
        }
        return new UserPreferences(
                r.blockedSenders() == null || r.blockedSenders().isBlank() ? java.util.Set.of()
                        : Arrays.stream(r.blockedSenders().split("\n")).map(SipAddress::parse).collect(Collectors.toSet()),
                r.allowedContentTypes() == null || r.allowedContentTypes().isBlank() ? java.util.List.of()
                        : Arrays.asList(r.allowedContentTypes().split(",")),
                r.maxMessageSize() == null ? OptionalInt.empty() : OptionalInt.of(r.maxMessageSize()),
                "PULL".equals(r.deferredDelivery()) ? UserPreferences.DeferredDelivery.PULL : UserPreferences.DeferredDelivery.PUSH);
    }
}
