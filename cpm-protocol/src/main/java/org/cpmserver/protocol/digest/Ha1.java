package org.cpmserver.protocol.digest;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * {@code H(A1)} for one algorithm: {@code H(unq(username) ":" unq(realm) ":" passwd)}
 * (RFC 7616 §3.4.2, RFC 3261 §22.4 by reference to RFC 2617 §3.2.2.2).
 *
 * <p>It is what the subscriber store keeps instead of the password: enough to check a response,
 * useless for any other realm, and the password itself never has to reach the server after
 * provisioning. It is still password-equivalent <em>within</em> its realm — whoever holds it can
 * answer challenges — so {@link #toString()} does not print it. A subscriber that may use several
 * algorithms needs one value per algorithm, computed when the password is set.
 */
public final class Ha1 {

    private final DigestAlgorithm algorithm;
    private final String hex;

    private Ha1(DigestAlgorithm algorithm, String hex) {
        this.algorithm = algorithm;
        this.hex = hex;
    }

    /** Computes HA1 from a password; for provisioning, not for the authentication path. */
    public static Ha1 compute(DigestAlgorithm algorithm, String username, String realm, String password) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(password, "password");
        return new Ha1(algorithm, algorithm.hash(username + ":" + realm + ":" + password));
    }

    /** Wraps a stored HA1; the hex may be in either case but must have the algorithm's length. */
    public static Ha1 fromHex(DigestAlgorithm algorithm, String hex) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (hex == null || hex.length() != algorithm.hexLength() || !DigestAlgorithm.isHex(hex)) {
            throw new IllegalArgumentException("an " + algorithm + " HA1 is " + algorithm.hexLength() + " hex digits");
        }
        return new Ha1(algorithm, hex.toLowerCase(Locale.ROOT));
    }

    public DigestAlgorithm algorithm() {
        return algorithm;
    }

    /** The value in lower-case hex, as it enters {@code KD(H(A1), ...)}. */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ha1 other && algorithm == other.algorithm
                && MessageDigest.isEqual(hex.getBytes(StandardCharsets.US_ASCII), other.hex.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, hex);
    }

    /** Deliberately without the value: HA1 is a credential. */
    @Override
    public String toString() {
        return "Ha1[" + algorithm + ", ****]";
    }
}
