package org.cpmserver.preferences;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * Users' preferences as every message reads them: in memory, reloaded after {@link #TTL} so that
 * a change made through another node is seen within that time. A plain CDI bean, because it is
 * asked on the signalling thread for every message and an EJB call costs more than the lookup; a
 * miss loads through {@link PreferencesLoader}. {@link PreferencesService} (the writer) replaces
 * a user's entry after its write.
 */
@ApplicationScoped
public class PreferencesCache {

    static final Duration TTL = Duration.ofSeconds(30);

    Clock clock = Clock.systemUTC();

    @Inject
    PreferencesLoader loader;

    private record Cached(UserPreferences preferences, Instant loadedAt) {
    }

    private final Map<SipAddress, Cached> cache = new ConcurrentHashMap<>();

    /** A user's preferences ({@link UserPreferences#NONE} for a user who set none). */
    public UserPreferences of(SipAddress user) {
        Instant now = clock.instant();
        Cached cached = cache.get(user);
        if (cached == null || cached.loadedAt.plus(TTL).isBefore(now)) {
            cached = new Cached(loader.load(user), now);
            cache.put(user, cached);
        }
        return cached.preferences;
    }

    /** A user's preferences as just written by this node. */
    void written(SipAddress user, UserPreferences preferences) {
        cache.put(user, new Cached(preferences, clock.instant()));
    }

    /** A user whose preferences were removed. */
    void forgotten(SipAddress user) {
        cache.remove(user);
    }
}
