package org.cpmserver.protocol.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.cpmserver.protocol.ProtocolException;

/**
 * The {@code response} (request-digest) computation of RFC 7616 §3.4.1, which RFC 3261 §22.4
 * uses unchanged apart from the method coming from the SIP request line:
 * <pre>
 *   HA2      = H(method ":" digest-uri)
 *   qop=auth : response = KD(HA1, nonce ":" nc ":" cnonce ":" qop ":" HA2)
 *   no qop   : response = KD(HA1, nonce ":" HA2)          (RFC 2069 compatibility)
 * </pre>
 * {@code qop=auth-int} would also hash the message body; the server never offers it (a SIP body
 * may be rewritten by proxies and SDP is the only thing worth protecting), so it is refused here.
 *
 * <p>The comparison with the client's value is constant-time ({@link MessageDigest#isEqual}):
 * a byte-by-byte early exit would let an attacker learn the expected digest one position at a
 * time by timing the 401s.
 */
public final class DigestResponse {

    private static final String UNSUPPORTED = "Unsupported Digest credentials";
    private static final int UNAUTHORIZED = 401;

    private DigestResponse() {
    }

    /**
     * The request digest a client holding {@code ha1} must produce.
     *
     * @param qop {@code null} for an RFC 2069-style response, otherwise {@code auth} (any case);
     *            {@code nc} and {@code cnonce} are then required and hashed exactly as given
     * @throws IllegalArgumentException for any other qop, or a qop without nc/cnonce
     */
    public static String compute(Ha1 ha1, String method, String uri, String nonce, String qop, String nc, String cnonce) {
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(nonce, "nonce");
        DigestAlgorithm alg = ha1.algorithm();
        String ha2 = alg.hash(method + ":" + uri);
        if (qop == null) {
            return alg.keyedDigest(ha1.hex(), nonce + ":" + ha2);
        }
        if (!qop.equalsIgnoreCase("auth")) {
            throw new IllegalArgumentException("only qop=auth is implemented");
        }
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(cnonce, "cnonce");
        return alg.keyedDigest(ha1.hex(), nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /**
     * The request digest expected for {@code credentials} sent with a request of {@code method}.
     *
     * @param method the SIP method of the request carrying the credentials, e.g. {@code REGISTER}
     *               (for ACK and CANCEL see RFC 3261 §22.1: same credentials as the INVITE)
     * @throws ProtocolException with status 401 when the credentials use an algorithm or qop this
     *                           server does not implement: a reason to challenge again, not a
     *                           malformed header
     * @throws IllegalArgumentException when {@code ha1} is for another algorithm than the one the
     *                                  credentials name: the caller looked up the wrong value
     */
    public static String expected(Ha1 ha1, String method, DigestCredentials credentials) {
        DigestAlgorithm alg = credentials.algorithm()
                .orElseThrow(() -> new ProtocolException(UNSUPPORTED, "algorithm "
                        + ProtocolException.quote(credentials.algorithmToken()), UNAUTHORIZED));
        if (alg != ha1.algorithm()) {
            throw new IllegalArgumentException("HA1 is for " + ha1.algorithm() + " but the credentials use " + alg);
        }
        String qop = credentials.qop().orElse(null);
        if (qop != null && !qop.equalsIgnoreCase("auth")) {
            throw new ProtocolException(UNSUPPORTED, "qop " + ProtocolException.quote(qop), UNAUTHORIZED);
        }
        return compute(ha1, method, credentials.uri(), credentials.nonce(), qop,
                credentials.nc().orElse(null), credentials.cnonce().orElse(null));
    }

    /**
     * Whether the credentials' {@code response} is the one {@code ha1} produces, compared in
     * constant time. Says nothing about the nonce: see {@link NonceService}.
     *
     * @throws ProtocolException as {@link #expected(Ha1, String, DigestCredentials)}
     */
    public static boolean verify(Ha1 ha1, String method, DigestCredentials credentials) {
        return constantTimeEquals(expected(ha1, method, credentials), credentials.response());
    }

    /**
     * Equality of two ASCII strings in time independent of where they differ
     * ({@link MessageDigest#isEqual} has been constant-time since JDK 6u17). A length mismatch
     * returns early, which reveals only the length of a hash — public anyway.
     */
    static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                actual.getBytes(StandardCharsets.US_ASCII));
    }
}
