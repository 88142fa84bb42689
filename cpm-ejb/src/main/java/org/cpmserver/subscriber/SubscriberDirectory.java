package org.cpmserver.subscriber;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.ejb.Stateless;
import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.jpa.subscriber.Subscriber;
import org.cpmserver.protocol.digest.DigestAlgorithm;
import org.cpmserver.protocol.digest.Ha1;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * The provisioned users. The realm of a user's credentials is its domain and the digest user
 * name is the user part of its address ({@code alice} for {@code sip:alice@example.com}), which
 * is what SIP clients send when configured with that address and password.
 */
@Stateless
public class SubscriberDirectory {

    static final int MIN_PASSWORD_LENGTH = 8;
    /** The column size of {@code subscriber.display_name}; the REST API checks it before calling. */
    public static final int MAX_DISPLAY_NAME = 255;

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    @Inject
    CpmSettings settings;

    Clock clock = Clock.systemUTC();

    /** Creates a user; refuses a foreign domain, a weak password or an existing address. */
    public User provision(SipAddress aor, String password, String displayName) throws SubscriberException {
        if (!settings.servesDomain(aor.domain())) {
            throw new SubscriberException.Invalid("domain " + aor.domain() + " is not served here (served: "
                    + String.join(", ", settings.sipDomains()) + ")");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new SubscriberException.Invalid("password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (displayName != null && (displayName.length() > MAX_DISPLAY_NAME || displayName.chars().anyMatch(Character::isISOControl))) {
            throw new SubscriberException.Invalid("displayName must be at most " + MAX_DISPLAY_NAME
                    + " characters without control characters");
        }
        if (em.find(Subscriber.class, aor.uri()) != null) {
            throw new SubscriberException.Exists(aor.uri() + " already exists");
        }
        String realm = aor.domain();
        Subscriber s = new Subscriber(aor.uri(), displayName, realm,
                Ha1.compute(DigestAlgorithm.MD5, aor.user(), realm, password).hex(),
                Ha1.compute(DigestAlgorithm.SHA_256, aor.user(), realm, password).hex(), clock.instant());
        em.persist(s);
        return user(s);
    }

    public Optional<User> find(SipAddress aor) {
        return Optional.ofNullable(em.find(Subscriber.class, aor.uri())).map(SubscriberDirectory::user);
    }

    /** The stored digest HA1 values of a user (MD5 and SHA-256, hex), for authentication only. */
    public Optional<Credentials> credentials(SipAddress aor) {
        return Optional.ofNullable(em.find(Subscriber.class, aor.uri())).map(s -> new Credentials(s.ha1Md5(), s.ha1Sha256()));
    }

    /** A user's stored digest HA1 values. */
    public record Credentials(String ha1Md5, String ha1Sha256) {
    }

    private static User user(Subscriber s) {
        return new User(SipAddress.parse(s.uri()), s.displayName(), s.createdAt());
    }

    /**
     * Whether {@code password} is the user's (HTTP Basic on the user's own APIs): the store keeps
     * only HA1 values, so the SHA-256 one is computed from the candidate and compared in constant
     * time. False for an unknown user.
     */
    public boolean acceptsPassword(SipAddress aor, String password) {
        Subscriber s = em.find(Subscriber.class, aor.uri());
        String candidate = Ha1.compute(DigestAlgorithm.SHA_256, aor.user(), s == null ? aor.domain() : s.realm(), password).hex();
        String stored = s == null ? "0".repeat(candidate.length()) : s.ha1Sha256().toLowerCase(java.util.Locale.ROOT);
        return java.security.MessageDigest.isEqual(candidate.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                stored.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) && s != null;
    }

    public boolean exists(SipAddress aor) {
        return em.find(Subscriber.class, aor.uri()) != null;
    }

    /**
     * Deletes the row only; {@link UserRemoval} is what removes a user (public only because an
     * EJB's callers may call nothing else).
     */
    public void delete(SipAddress aor) throws SubscriberException {
        Subscriber s = em.find(Subscriber.class, aor.uri());
        if (s == null) {
            throw new SubscriberException.NotFound(aor.uri() + " does not exist");
        }
        em.remove(s);
    }

    public List<User> list(int offset, int limit) {
        return em.createNamedQuery(Subscriber.LIST, Subscriber.class).setFirstResult(offset).setMaxResults(limit).getResultList()
                .stream().map(SubscriberDirectory::user).collect(java.util.stream.Collectors.toList());
    }

    public long count() {
        return em.createNamedQuery(Subscriber.COUNT, Long.class).getSingleResult();
    }
}
