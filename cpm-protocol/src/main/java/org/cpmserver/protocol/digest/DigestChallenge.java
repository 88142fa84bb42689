package org.cpmserver.protocol.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One Digest challenge: the value of a {@code WWW-Authenticate} (401) or
 * {@code Proxy-Authenticate} (407) header (RFC 3261 §22.1, §25.1 {@code digest-cln}):
 * <pre>
 *   Digest realm="cpm.example.com", nonce="...", opaque="...", algorithm=SHA-256, qop="auth"[, stale=true]
 * </pre>
 * {@code qop="auth"} is always offered: it brings the client nonce and nonce count, without which
 * a nonce could only be used once (RFC 7616 §3.3). {@code algorithm} is always written, even for
 * MD5, so that a client never has to rely on the default. {@code stale=true} tells a client whose
 * response was right but whose nonce expired to retry silently with the new nonce instead of
 * asking its user for the password again (RFC 7616 §3.3); it is left out rather than written as
 * {@code false}.
 *
 * <p>A server answers with one challenge per algorithm, strongest first; RFC 8760 §2.4 has the
 * client pick the first one it supports. {@link #offer} builds that list around a single nonce.
 */
public final class DigestChallenge {

    private final String realm;
    private final String nonce;
    private final String opaque;
    private final DigestAlgorithm algorithm;
    private final boolean stale;

    /**
     * @param opaque {@code null} to leave the parameter out
     * @throws IllegalArgumentException when a value holds a control character (it could never be
     *                                  sent without corrupting the header)
     */
    public DigestChallenge(String realm, String nonce, String opaque, DigestAlgorithm algorithm, boolean stale) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.nonce = Objects.requireNonNull(nonce, "nonce");
        this.opaque = opaque;
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.stale = stale;
        headerValue(); // validate now rather than when the response is being sent
    }

    /**
     * One challenge per algorithm, in the given order (put the strongest first), all sharing the
     * nonce: the nonce proves freshness, not the algorithm, and RFC 7616 §3.9.1 does the same.
     */
    public static List<DigestChallenge> offer(String realm, String nonce, String opaque, boolean stale,
            List<DigestAlgorithm> algorithms) {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a challenge needs at least one algorithm");
        }
        List<DigestChallenge> out = new ArrayList<>(algorithms.size());
        for (DigestAlgorithm algorithm : algorithms) {
            out.add(new DigestChallenge(realm, nonce, opaque, algorithm, stale));
        }
        return List.copyOf(out);
    }

    public String realm() {
        return realm;
    }

    public String nonce() {
        return nonce;
    }

    /** The opaque value, or {@code null} when none is sent. */
    public String opaque() {
        return opaque;
    }

    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    public boolean stale() {
        return stale;
    }

    /** The header value, ready to be added as {@code WWW-Authenticate} or {@code Proxy-Authenticate}. */
    public String headerValue() {
        StringBuilder out = new StringBuilder(160)
                .append("Digest realm=").append(AuthParams.quote(realm))
                .append(", nonce=").append(AuthParams.quote(nonce));
        if (opaque != null) {
            out.append(", opaque=").append(AuthParams.quote(opaque));
        }
        out.append(", algorithm=").append(algorithm.token())
                .append(", qop=\"auth\"");
        if (stale) {
            out.append(", stale=true");
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DigestChallenge other && realm.equals(other.realm) && nonce.equals(other.nonce)
                && Objects.equals(opaque, other.opaque) && algorithm == other.algorithm && stale == other.stale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(realm, nonce, opaque, algorithm, stale);
    }

    @Override
    public String toString() {
        return headerValue();
    }
}
