package org.cpmserver.protocol.digest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of SIP Digest authentication for one realm (RFC 3261 §22.1–22.4): writes the
 * challenges and judges the credentials that come back. It ties together {@link NonceService},
 * {@link DigestResponse} and the subscriber store in the one order that is safe:
 * <ol>
 *   <li>shape checks that need no secret: realm, algorithm, qop, opaque;</li>
 *   <li>the nonce is ours ({@link NonceService.Status#INVALID} stops here);</li>
 *   <li>the response is right for the stored HA1 — <em>before</em> any stale verdict, because
 *       {@code stale=true} tells the client its password was fine (RFC 7616 §3.3: only when the
 *       digest is valid), and before the nonce count is recorded, so a stranger cannot burn a
 *       client's counts;</li>
 *   <li>the nonce is fresh, and the count is new (replay).</li>
 * </ol>
 * It does not compare {@code uri} with the Request-URI (SIP URI equality, RFC 3261 §19.1.4, is
 * the servlet layer's business, as is checking that the authenticated user may use the From/To
 * identity). Every verdict but {@link Result#AUTHENTICATED} and {@link Result#TRACKER_FULL} calls
 * for a 401/407 with fresh {@link #challenges(boolean)}; see {@link Result#staleChallenge()}.
 *
 * <p>Responses without qop (RFC 2069 style, RFC 3261 §22.4 keeps them for old clients) are
 * accepted, but their nonce is good for one request only. Thread-safe.
 */
public final class DigestAuthenticator {

    /** What the server offers by default: SHA-256 first, MD5 for the clients of RFC 3261 (RFC 8760 §2.4). */
    public static final List<DigestAlgorithm> DEFAULT_ALGORITHMS = List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);

    /** Where the stored HA1 of a subscriber comes from. */
    @FunctionalInterface
    public interface Ha1Lookup {
        /** The HA1 of {@code username} in the authenticator's realm for {@code algorithm}, if provisioned. */
        Optional<Ha1> find(String username, DigestAlgorithm algorithm);
    }

    /** The verdict on one set of credentials. */
    public enum Result {
        AUTHENTICATED,
        /** Right password, expired nonce: challenge again with {@code stale=true}. */
        STALE_NONCE,
        /** Credentials for another realm (perhaps meant for another hop). */
        WRONG_REALM,
        /** An algorithm not offered by this authenticator. */
        UNSUPPORTED_ALGORITHM,
        /** A qop other than {@code auth}. */
        UNSUPPORTED_QOP,
        /** The opaque value did not come back unchanged. */
        OPAQUE_MISMATCH,
        /** A nonce this realm never issued, or a mangled one. */
        INVALID_NONCE,
        /** No HA1 for this user and algorithm. */
        UNKNOWN_USER,
        /** The response does not match: wrong password, or wrong method/uri. */
        WRONG_RESPONSE,
        /** A nonce count already used, or a one-shot nonce used twice. */
        REPLAYED,
        /** The replay memory is full; answer 503 with Retry-After rather than 401. */
        TRACKER_FULL;

        /** Whether the request goes through. */
        public boolean authenticated() {
            return this == AUTHENTICATED;
        }

        /** Whether the new challenge should say {@code stale=true}. */
        public boolean staleChallenge() {
            return this == STALE_NONCE;
        }
    }

    private final String realm;
    private final NonceService nonces;
    private final List<DigestAlgorithm> algorithms;
    private final String opaque;

    /**
     * @param algorithms offered in this order, strongest first
     * @param opaque     sent in every challenge and required back unchanged; {@code null} for none
     */
    public DigestAuthenticator(String realm, NonceService nonces, List<DigestAlgorithm> algorithms, String opaque) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.algorithms = List.copyOf(algorithms);
        this.opaque = opaque;
        if (this.algorithms.isEmpty()) {
            throw new IllegalArgumentException("offer at least one algorithm");
        }
        // fail fast on a realm or opaque that could not be written into a header
        AuthParams.quote(realm);
        if (opaque != null) {
            AuthParams.quote(opaque);
        }
    }

    /** SHA-256 then MD5, no opaque. */
    public DigestAuthenticator(String realm, NonceService nonces) {
        this(realm, nonces, DEFAULT_ALGORITHMS, null);
    }

    public String realm() {
        return realm;
    }

    /** One challenge per offered algorithm around one new nonce; add each as its own header. */
    public List<DigestChallenge> challenges(boolean stale) {
        return DigestChallenge.offer(realm, nonces.issue(realm), opaque, stale, algorithms);
    }

    /**
     * Judges {@code credentials} sent with a request of {@code method}.
     *
     * @param method the request's method, e.g. {@code REGISTER}
     */
    public Result authenticate(String method, DigestCredentials credentials, Ha1Lookup store) {
        if (!realm.equals(credentials.realm())) {
            return Result.WRONG_REALM;
        }
        Optional<DigestAlgorithm> algorithm = credentials.algorithm();
        if (algorithm.isEmpty() || !algorithms.contains(algorithm.get())) {
            return Result.UNSUPPORTED_ALGORITHM;
        }
        Optional<String> qop = credentials.qop();
        if (qop.isPresent() && !qop.get().equalsIgnoreCase("auth")) {
            return Result.UNSUPPORTED_QOP;
        }
        if (opaque != null && !opaque.equals(credentials.opaque().orElse(null))) {
            return Result.OPAQUE_MISMATCH;
        }
        NonceService.Status status = nonces.validate(credentials.nonce(), realm);
        if (status == NonceService.Status.INVALID) {
            return Result.INVALID_NONCE;
        }
        Optional<Ha1> ha1 = store.find(credentials.username(), algorithm.get());
        if (ha1.isEmpty()) {
            return Result.UNKNOWN_USER;
        }
        // cannot throw: algorithm and qop were checked above
        if (!DigestResponse.verify(ha1.get(), method, credentials)) {
            return Result.WRONG_RESPONSE;
        }
        if (status == NonceService.Status.STALE) {
            return Result.STALE_NONCE;
        }
        NonceService.Use use = credentials.nonceCount().isPresent()
                ? nonces.recordUse(credentials.nonce(), credentials.nonceCount().getAsLong())
                : nonces.recordSingleUse(credentials.nonce());
        return switch (use) {
            case ACCEPTED -> Result.AUTHENTICATED;
            case EXPIRED -> Result.STALE_NONCE;
            case TRACKER_FULL -> Result.TRACKER_FULL;
            case REPLAY -> Result.REPLAYED;
        };
    }
}
