package org.cpmserver.protocol.digest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.cpmserver.protocol.ProtocolException;

/**
 * The Digest credentials of an {@code Authorization} or {@code Proxy-Authorization} header
 * (RFC 3261 §22.4 and §25.1 {@code digest-response}), parsed and checked for shape only.
 *
 * <p>Whether they are <em>right</em> — realm, nonce, response — is for {@link DigestResponse},
 * {@link NonceService} and {@link DigestAuthenticator}; this class only guarantees that what it
 * hands out is complete and consistent:
 * <ul>
 *   <li>{@code username}, {@code realm}, {@code nonce}, {@code uri} and {@code response} are
 *       present (RFC 3261 §25.1 makes them mandatory);</li>
 *   <li>{@code response} is hex, kept lower-cased (RFC 3261 wants {@code LHEX}; some clients
 *       send upper case, and hex compares the same either way);</li>
 *   <li>with {@code qop}, both {@code cnonce} and {@code nc} are present, and without it neither
 *       is (RFC 7616 §3.4: they "MUST" and "MUST NOT" be sent respectively). A lone {@code nc}
 *       would otherwise leave it unclear whether the nonce is one-shot or counted;</li>
 *   <li>{@code nc} is exactly 8 hex digits (RFC 3261 §25.1 {@code nc-value = 8LHEX}) and not
 *       zero: the count starts at 00000001 (RFC 7616 §3.4).</li>
 * </ul>
 * An {@code algorithm} this server does not know is <em>not</em> a parse error: the header is
 * well-formed, the right answer is a fresh challenge, so {@link #algorithm()} is then empty.
 * Unknown parameters ({@code auth-param} extensions) are kept in {@link #otherParameters()}.
 */
public final class DigestCredentials {

    private static final Set<String> KNOWN = Set.of(
            "username", "realm", "nonce", "uri", "response", "algorithm", "cnonce", "opaque", "qop", "nc");

    private final String username;
    private final String realm;
    private final String nonce;
    private final String uri;
    private final String response;
    private final String algorithmToken;
    private final String cnonce;
    private final String opaque;
    private final String qop;
    private final String nc;
    private final long nonceCount;
    private final Map<String, String> others;

    private DigestCredentials(AuthParams p, Map<String, String> others, long nonceCount) {
        this.username = p.get("username");
        this.realm = p.get("realm");
        this.nonce = p.get("nonce");
        this.uri = p.get("uri");
        this.response = p.get("response").toLowerCase(Locale.ROOT);
        this.algorithmToken = p.get("algorithm");
        this.cnonce = p.get("cnonce");
        this.opaque = p.get("opaque");
        this.qop = p.get("qop");
        this.nc = p.get("nc");
        this.nonceCount = nonceCount;
        this.others = Map.copyOf(others);
    }

    /**
     * Parses the value of an {@code Authorization} header.
     *
     * @throws ProtocolException (400) with a reason phrase such as
     *                           {@code Bad Authorization header: unterminated quoted string}
     */
    public static DigestCredentials parse(String headerValue) {
        return parse(headerValue, "Authorization");
    }

    /**
     * Parses the value of a credentials header.
     *
     * @param headerName {@code Authorization} or {@code Proxy-Authorization}; used only to word
     *                   the reason phrase of the {@link ProtocolException}
     */
    public static DigestCredentials parse(String headerValue, String headerName) {
        AuthParams p = AuthParams.parse(headerValue, headerName);
        String bad = "Bad " + headerName + " header";
        for (String required : new String[] {"username", "realm", "nonce", "uri", "response"}) {
            if (p.get(required) == null) {
                throw new ProtocolException(bad, "missing " + required);
            }
        }
        if (!DigestAlgorithm.isHex(p.get("response"))) {
            throw new ProtocolException(bad, "response is not hex");
        }
        boolean hasQop = p.get("qop") != null;
        if (hasQop && p.get("cnonce") == null) {
            throw new ProtocolException(bad, "qop without cnonce");
        }
        if (hasQop && p.get("nc") == null) {
            throw new ProtocolException(bad, "qop without nc");
        }
        if (!hasQop && (p.get("cnonce") != null || p.get("nc") != null)) {
            throw new ProtocolException(bad, "cnonce or nc without qop");
        }
        long count = 0;
        if (hasQop) {
            String nc = p.get("nc");
            if (nc.length() != 8 || !DigestAlgorithm.isHex(nc)) {
                throw new ProtocolException(bad, "nc is not 8 hex digits");
            }
            count = Long.parseLong(nc, 16);
            if (count == 0) {
                throw new ProtocolException(bad, "nc must start at 00000001");
            }
        }
        Map<String, String> others = new LinkedHashMap<>(p.all());
        others.keySet().removeAll(KNOWN);
        return new DigestCredentials(p, others, count);
    }

    public String username() {
        return username;
    }

    public String realm() {
        return realm;
    }

    public String nonce() {
        return nonce;
    }

    /** The {@code uri} parameter ({@code digest-uri}), which should equal the Request-URI (RFC 3261 §22.4). */
    public String uri() {
        return uri;
    }

    /** The request digest, lower-case hex. */
    public String response() {
        return response;
    }

    /** The {@code algorithm} parameter as sent; {@code MD5} when absent (RFC 3261 §25.1, RFC 7616 §3.4). */
    public String algorithmToken() {
        return algorithmToken == null ? DigestAlgorithm.MD5.token() : algorithmToken;
    }

    /** The algorithm, or empty when the client named one this server does not implement. */
    public Optional<DigestAlgorithm> algorithm() {
        return DigestAlgorithm.fromToken(algorithmToken());
    }

    public Optional<String> cnonce() {
        return Optional.ofNullable(cnonce);
    }

    public Optional<String> opaque() {
        return Optional.ofNullable(opaque);
    }

    /** {@code auth}, {@code auth-int} or an extension; empty for an RFC 2069-style response. */
    public Optional<String> qop() {
        return Optional.ofNullable(qop);
    }

    /**
     * The {@code nc} parameter exactly as sent (8 hex digits). The response hash covers these
     * characters, not the number, so they are kept verbatim.
     */
    public Optional<String> nc() {
        return Optional.ofNullable(nc);
    }

    /** The nonce count as a number (at least 1); empty without qop. */
    public OptionalLong nonceCount() {
        return nc == null ? OptionalLong.empty() : OptionalLong.of(nonceCount);
    }

    /** Parameters this class does not interpret, by lower-cased name, unquoted. */
    public Map<String, String> otherParameters() {
        return others;
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", realm=" + realm + ", algorithm=" + algorithmToken()
                + ", qop=" + qop + ", nc=" + nc + ", uri=" + uri + "]";
    }
}
