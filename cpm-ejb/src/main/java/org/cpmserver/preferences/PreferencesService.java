package org.cpmserver.preferences;

import java.util.Arrays;
import java.util.OptionalInt;
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
 * Writes user preferences (and reads them for the administration API). The message path reads
 * them from {@link PreferencesCache}, which this writer updates after each write.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PreferencesService {

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    @Inject
    PreferencesCache cache;

    /** A user's preferences, as the message path sees them. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UserPreferences of(SipAddress user) {
        return cache.of(user);
    }

    public void store(SipAddress user, UserPreferences preferences) {
        em.merge(new PreferencesRecord(user.uri(),
                preferences.blockedSenders().stream().map(SipAddress::uri).sorted().collect(Collectors.joining("\n")),
                String.join(",", preferences.allowedContentTypes()),
                preferences.maxMessageSize().isPresent() ? preferences.maxMessageSize().getAsInt() : null,
                preferences.deferredDelivery().name()));
        cache.written(user, preferences);
    }

    public void forget(SipAddress user) {
        PreferencesRecord r = em.find(PreferencesRecord.class, user.uri());
        if (r != null) {
            em.remove(r);
        }
        cache.forgotten(user);
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
