package org.cpmserver.participating;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.digest.DigestAlgorithm;
import org.cpmserver.protocol.digest.DigestAuthenticator;
import org.cpmserver.protocol.digest.DigestChallenge;
import org.cpmserver.protocol.digest.DigestCredentials;
import org.cpmserver.protocol.digest.Ha1;
import org.cpmserver.protocol.digest.NonceService;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.subscriber.SubscriberDirectory;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Digest authentication of served users in standalone mode (RFC 3261 §22, RFC 8760): one realm
 * per served domain, MD5 offered by default and SHA-256 first to the user agents configured for it
 * (see {@link #algorithmNames}), nonces that expire and cannot be replayed.
 * An unknown user and a wrong password get the same answer, so the server does not reveal who
 * exists. The digest user name is the user part of the address.
 */
@ApplicationScoped
public class SubscriberAuthentication {

    private static final Logger LOG = Logger.getLogger(SubscriberAuthentication.class.getName());
    static final Duration CREDENTIAL_CACHE = Duration.ofSeconds(60);
    static final int MAX_CACHED = 100_000;

    @Inject
    CpmSettings settings;

    @Inject
    SubscriberDirectory directory;

    @Inject
    @ConfigProperty(name = "cpm.auth.nonce-secret")
    Optional<String> configuredSecret;

    /**
     * The algorithms offered, most preferred first. MD5 alone by default, against RFC 8760 §2.4's
     * advice, because the SIP clients a deployment meets do not all survive SHA-256: baresip 1.0
     * (Debian 12) gives up on the whole 401 as soon as any challenge offers SHA-256, in either
     * order, and SIPp reads only the first challenge and knows only MD5. Deployments whose clients
     * all speak SHA-256 set {@code SHA-256,MD5} (or {@code SHA-256}); for a mixed population,
     * {@link #sha256UserAgents} offers SHA-256 only to the clients known to take it.
     */
    @Inject
    @ConfigProperty(name = "cpm.auth.algorithms", defaultValue = "MD5")
    List<String> algorithmNames;

    /**
     * User-Agent product names (the first token of {@code User-Agent}, compared case-insensitively
     * as a prefix, e.g. {@code Linphone}) that are challenged with SHA-256 first and MD5 second,
     * whatever {@link #algorithmNames} says. Empty by default.
     */
    @Inject
    @ConfigProperty(name = "cpm.auth.sha256-user-agents")
    Optional<List<String>> sha256UserAgents;

    /** How long a challenge can be answered (RFC 7616 leaves it to the server). */
    @Inject
    @ConfigProperty(name = "cpm.auth.nonce-lifetime-seconds", defaultValue = "300")
    long nonceLifetimeSeconds;

    /**
     * Nonces whose counts are remembered at once (replay protection). Sustainable authenticated
     * requests per second are this divided by the lifetime; past it requests get 503.
     */
    @Inject
    @ConfigProperty(name = "cpm.auth.max-tracked-nonces", defaultValue = "1000000")
    int maxTrackedNonces;

    Clock clock = Clock.systemUTC();

    private NonceService nonces;
    private Map<String, DigestAuthenticator> byRealm;
    /** Per realm, SHA-256 first: for the user agents in {@link #sha256UserAgents}. */
    private Map<String, DigestAuthenticator> strongByRealm;
    private List<String> strongAgents;

    private static final class CachedCredentials {
        final Optional<SubscriberDirectory.Credentials> subscriber;
        final Instant loadedAt;

        CachedCredentials(Optional<SubscriberDirectory.Credentials> subscriber, Instant loadedAt) {
            this.subscriber = subscriber;
            this.loadedAt = loadedAt;
        }
    }

    private final Map<SipAddress, CachedCredentials> credentials = new ConcurrentHashMap<>();

    @PostConstruct
    void init() {
        byte[] secret = configuredSecret.filter(s -> !s.isBlank()).map(s -> Base64.getDecoder().decode(s.trim()))
                .orElseGet(() -> {
                    LOG.info("cpm.auth.nonce-secret not set: nonces are valid on this node only");
                    return NonceService.newSecret();
                });
        if (nonceLifetimeSeconds < 1) {
            throw new IllegalStateException("cpm.auth.nonce-lifetime-seconds must be positive");
        }
        nonces = new NonceService(secret, clock, Duration.ofSeconds(nonceLifetimeSeconds), maxTrackedNonces);
        List<DigestAlgorithm> algorithms = algorithmNames.stream().map(String::trim)
                .map(name -> DigestAlgorithm.fromToken(name).filter(a -> a != DigestAlgorithm.SHA_512_256)
                        .orElseThrow(() -> new IllegalStateException("cpm.auth.algorithms: " + name
                                + " is not one of SHA-256, MD5")))
                .distinct().collect(Collectors.toUnmodifiableList());
        if (algorithms.isEmpty()) {
            throw new IllegalStateException("cpm.auth.algorithms must name at least one algorithm");
        }
        byRealm = settings.sipDomains().stream()
                .collect(Collectors.toUnmodifiableMap(d -> d, d -> new DigestAuthenticator(d, nonces, algorithms, null)));
        strongAgents = sha256UserAgents.orElse(List.of()).stream().map(String::trim).filter(a -> !a.isEmpty())
                .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableList());
        List<DigestAlgorithm> strong = new ArrayList<>(List.of(DigestAlgorithm.SHA_256));
        algorithms.stream().filter(a -> a != DigestAlgorithm.SHA_256).forEach(strong::add);
        strongByRealm = settings.sipDomains().stream()
                .collect(Collectors.toUnmodifiableMap(d -> d, d -> new DigestAuthenticator(d, nonces, strong, null)));
    }

    /** Whether a client is one that is challenged with SHA-256 first. */
    boolean takesSha256(String userAgent) {
        if (userAgent == null || strongAgents.isEmpty()) {
            return false;
        }
        String ua = userAgent.trim().toLowerCase(Locale.ROOT);
        return strongAgents.stream().anyMatch(ua::startsWith);
    }

    /** The outcome of checking one request. */
    public static final class Verdict {
        /** What to do with the request. */
        public enum Kind { AUTHENTICATED, CHALLENGE, FORBIDDEN, BAD_REQUEST, UNAVAILABLE }

        private final Kind kind;
        private final SipAddress user;
        private final List<String> challenges;
        private final String reason;

        private Verdict(Kind kind, SipAddress user, List<String> challenges, String reason) {
            this.kind = kind;
            this.user = user;
            this.challenges = challenges;
            this.reason = reason;
        }

        public Kind kind() {
            return kind;
        }

        /** The authenticated user (AUTHENTICATED). */
        public SipAddress user() {
            return user;
        }

        /** Header values for WWW-/Proxy-Authenticate, one per algorithm (CHALLENGE). */
        public List<String> challenges() {
            return challenges;
        }

        /** The reason phrase (FORBIDDEN, BAD_REQUEST, UNAVAILABLE). */
        public String reason() {
            return reason;
        }
    }

    /**
     * Checks the credentials of a request addressed to {@code realm}'s users.
     *
     * @param authorization the Authorization / Proxy-Authorization values of the request
     * @param userAgent the request's {@code User-Agent}, or null
     */
    public Verdict verify(String method, String realm, List<String> authorization, String userAgent) {
        DigestAuthenticator authenticator = (takesSha256(userAgent) ? strongByRealm : byRealm).get(realm);
        if (authenticator == null) {
            return new Verdict(Verdict.Kind.FORBIDDEN, null, List.of(), "Forbidden: domain not served");
        }
        DigestCredentials mine = null;
        for (String value : authorization) {
            if (!value.trim().regionMatches(true, 0, "Digest", 0, 6)) {
                continue; // another scheme is for someone else (RFC 3261 §22.1): challenge as if absent
            }
            try {
                DigestCredentials c = DigestCredentials.parse(value);
                if (realm.equalsIgnoreCase(c.realm())) {
                    mine = c;
                    break;
                }
            } catch (ProtocolException e) {
                return new Verdict(Verdict.Kind.BAD_REQUEST, null, List.of(), e.reason());
            }
        }
        if (mine == null) {
            return challenge(authenticator, false);
        }
        DigestAuthenticator.Result result = authenticator.authenticate(method, mine,
                (username, algorithm) -> ha1(username, realm, algorithm));
        switch (result) {
            case AUTHENTICATED:
                return new Verdict(Verdict.Kind.AUTHENTICATED, SipAddress.of(mine.username(), realm), List.of(), null);
            case STALE_NONCE:
                return challenge(authenticator, true);
            case INVALID_NONCE:
                return challenge(authenticator, false);
            case TRACKER_FULL:
                return new Verdict(Verdict.Kind.UNAVAILABLE, null, List.of(), "Service Unavailable: authentication overloaded");
            case REPLAYED:
                return new Verdict(Verdict.Kind.FORBIDDEN, null, List.of(), "Forbidden: nonce replayed");
            case UNSUPPORTED_ALGORITHM:
            case UNSUPPORTED_QOP:
            case OPAQUE_MISMATCH:
            case WRONG_REALM:
                return new Verdict(Verdict.Kind.BAD_REQUEST, null, List.of(), "Bad Request: unusable credentials (" + result + ")");
            default: // UNKNOWN_USER, WRONG_RESPONSE: the same answer, so users cannot be enumerated
                return new Verdict(Verdict.Kind.FORBIDDEN, null, List.of(), "Forbidden: authentication failed");
        }
    }

    private Verdict challenge(DigestAuthenticator authenticator, boolean stale) {
        return new Verdict(Verdict.Kind.CHALLENGE, null,
                authenticator.challenges(stale).stream().map(DigestChallenge::headerValue).collect(Collectors.toUnmodifiableList()),
                null);
    }

    private Optional<Ha1> ha1(String username, String realm, DigestAlgorithm algorithm) {
        SipAddress aor;
        try {
            aor = SipAddress.of(username, realm);
        } catch (IllegalArgumentException notAUser) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        CachedCredentials cached = credentials.get(aor);
        if (cached == null || cached.loadedAt.plus(CREDENTIAL_CACHE).isBefore(now)) {
            if (credentials.size() > MAX_CACHED) {
                credentials.clear(); // bounded: a flood of unknown user names must not grow the heap
            }
            cached = new CachedCredentials(directory.credentials(aor), now);
            credentials.put(aor, cached);
        }
        return cached.subscriber.flatMap(s -> {
            switch (algorithm) {
                case MD5:
                    return Optional.of(Ha1.fromHex(algorithm, s.ha1Md5()));
                case SHA_256:
                    return Optional.of(Ha1.fromHex(algorithm, s.ha1Sha256()));
                default:
                    return Optional.empty();
            }
        });
    }

    /** Forgets cached credentials of a user (deprovisioned or password changed). */
    public void forget(SipAddress user) {
        credentials.remove(user);
    }

    void onUserRemoved(@javax.enterprise.event.Observes org.cpmserver.subscriber.UserRemoved removed) {
        forget(removed.user());
    }
}
