package org.cpmserver.protocol.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The hash functions a SIP Digest challenge can name in its {@code algorithm} parameter
 * (RFC 3261 §25.1 {@code algorithm}, extended by RFC 8760 §2.1 with SHA-256 and SHA-512-256).
 *
 * <p>Every value the protocol hashes is text; RFC 3261 makes SIP text UTF-8 throughout, so
 * {@link #hash(String)} hashes the UTF-8 bytes and writes the result as lower-case hex, the
 * {@code LHEX} form RFC 3261 §25.1 requires for {@code request-digest}.
 *
 * <p>The {@code -sess} variants are not offered: they exist so that a third party can hold the
 * session key instead of the password, which no CPM deployment does, and RFC 8760 §2.3 leaves
 * their use optional.
 */
public enum DigestAlgorithm {
    /** RFC 2617 / RFC 3261 default; kept only for the clients that know nothing else (RFC 8760 §2.4). */
    MD5("MD5", "MD5", 32),
    /** RFC 7616 §3.2 / RFC 8760 §2.1; the algorithm the server offers first. */
    SHA_256("SHA-256", "SHA-256", 64),
    /** RFC 7616 §3.2 / RFC 8760 §2.1: SHA-512 truncated to 256 bits (FIPS 180-4 §6.7). */
    SHA_512_256("SHA-512-256", "SHA-512/256", 64);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String token;
    private final String jcaName;
    private final int hexLength;

    DigestAlgorithm(String token, String jcaName, int hexLength) {
        this.token = token;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** The value of the {@code algorithm} parameter on the wire, e.g. {@code SHA-256}. */
    public String token() {
        return token;
    }

    /** Length of a hash written in hex: 32 for MD5, 64 for the SHA-2 family. */
    public int hexLength() {
        return hexLength;
    }

    /**
     * The algorithm named by a wire token. Compared case-insensitively: RFC 3261 §25.1 makes the
     * quoted literals of its ABNF case-insensitive, and clients do send {@code md5}.
     */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        return Arrays.stream(values()).filter(a -> a.token.equalsIgnoreCase(token)).findFirst();
    }

    /** {@code H(data)} of RFC 7616 §3.4.1: the hash of the UTF-8 bytes of {@code data}, in lower-case hex. */
    public String hash(String data) {
        return hex(digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code KD(secret, data)} of RFC 7616 §3.4.1, i.e. {@code H(secret ":" data)}. */
    public String keyedDigest(String secret, String data) {
        return hash(secret + ":" + data);
    }

    byte[] digest(byte[] data) {
        try {
            // MessageDigest instances are not thread-safe; a new one per call is cheap enough.
            return MessageDigest.getInstance(jcaName).digest(data);
        } catch (NoSuchAlgorithmException e) {
            // MD5 and SHA-256 are mandatory on every Java SE platform; OpenJDK's SUN provider has
            // had SHA-512/256 since JDK 9. Reaching this means a stripped-down runtime.
            throw new IllegalStateException("the JDK lacks " + jcaName, e);
        }
    }

    /** Lower-case hex of {@code bytes}. */
    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Whether {@code s} is non-empty hex (either case). */
    static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return token;
    }
}
