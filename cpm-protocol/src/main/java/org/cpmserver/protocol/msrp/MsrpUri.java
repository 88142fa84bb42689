package org.cpmserver.protocol.msrp;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.cpmserver.protocol.ProtocolException;

/**
 * An MSRP URI (RFC 4975 §9): {@code msrp[s]://[user@]host[:port][/session-id];transport[;param...]},
 * e.g. {@code msrps://198.51.100.7:2855/k7Hw9q;tcp}.
 *
 * <p>The URIs of To-Path, From-Path and the SDP {@code a=path} attribute name the hops of an MSRP
 * session; the relay and the session matching compare them, so they are parsed once, here. The
 * text is kept as received ({@link #toString()}), so a path is forwarded unchanged; {@link #equals}
 * compares that text.
 */
public final class MsrpUri {

    /** The longest URI accepted. */
    public static final int MAX_LENGTH = 512;

    private static final String BAD_URI = "Bad MSRP URI";

    private final String text;
    private final boolean secure;
    private final String userInfo;
    private final String host;
    private final int port;
    private final String sessionId;
    private final String transport;

    private MsrpUri(String text, boolean secure, String userInfo, String host, int port, String sessionId,
            String transport) {
        this.text = text;
        this.secure = secure;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.sessionId = sessionId;
        this.transport = transport;
    }

    /**
     * @throws ProtocolException ("Bad MSRP URI: ...") when {@code uri} is not an MSRP URI
     */
    public static MsrpUri parse(String uri) {
        if (uri == null || uri.isEmpty() || uri.length() > MAX_LENGTH) {
            throw new ProtocolException(BAD_URI, "empty or longer than " + MAX_LENGTH + " characters");
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        boolean secure;
        int pos;
        if (lower.startsWith("msrps://")) {
            secure = true;
            pos = 8;
        } else if (lower.startsWith("msrp://")) {
            secure = false;
            pos = 7;
        } else {
            throw new ProtocolException(BAD_URI, "scheme is not msrp or msrps: " + ProtocolException.quote(uri));
        }
        int semi = uri.indexOf(';', pos);
        if (semi < 0) {
            throw new ProtocolException(BAD_URI, "missing transport: " + ProtocolException.quote(uri));
        }
        int slash = uri.indexOf('/', pos);
        int authorityEnd = slash >= 0 && slash < semi ? slash : semi;
        String authority = uri.substring(pos, authorityEnd);
        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            if (userInfo.isEmpty() || !allChars(userInfo, "-._~!$&'()*+,=:%")) {
                throw new ProtocolException(BAD_URI, "invalid user part in " + ProtocolException.quote(uri));
            }
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new ProtocolException(BAD_URI, "unclosed IPv6 reference in " + ProtocolException.quote(uri));
            }
            host = authority.substring(0, close + 1);
            String inner = host.substring(1, host.length() - 1);
            if (inner.isEmpty() || !inner.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
                throw new ProtocolException(BAD_URI, "invalid IPv6 reference in " + ProtocolException.quote(uri));
            }
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new ProtocolException(BAD_URI, "junk after the host in " + ProtocolException.quote(uri));
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty() || !allChars(host, "-.") || host.startsWith(".") || host.startsWith("-")) {
                throw new ProtocolException(BAD_URI, "invalid host in " + ProtocolException.quote(uri));
            }
        }
        int port = -1;
        if (portText != null) {
            if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(portText) > 65535) {
                throw new ProtocolException(BAD_URI, "invalid port in " + ProtocolException.quote(uri));
            }
            port = Integer.parseInt(portText);
        }
        String sessionId = null;
        if (authorityEnd == slash) {
            sessionId = uri.substring(slash + 1, semi);
            // session-id = 1*( unreserved / "+" / "=" / "/" )
            if (sessionId.isEmpty() || !allChars(sessionId, "-._~+=/")) {
                throw new ProtocolException(BAD_URI, "invalid session id in " + ProtocolException.quote(uri));
            }
        }
        String[] params = uri.substring(semi + 1).split(";", -1);
        String transport = params[0];
        if (transport.isEmpty() || !allChars(transport, "")) {
            throw new ProtocolException(BAD_URI, "invalid transport in " + ProtocolException.quote(uri));
        }
        for (int i = 1; i < params.length; i++) {
            String p = params[i];
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq);
            if (name.isEmpty() || !allChars(name, "-.!%*_+`'~") || (eq >= 0 && !allChars(p.substring(eq + 1), "-.!%*_+`'~[]:/&$"))) {
                throw new ProtocolException(BAD_URI, "invalid URI parameter in " + ProtocolException.quote(uri));
            }
        }
        return new MsrpUri(uri, secure, userInfo, host, port, sessionId, transport);
    }

    private static boolean allChars(String s, String extra) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && extra.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code true} for {@code msrps:} (TLS). */
    public boolean secure() {
        return secure;
    }

    public Optional<String> userInfo() {
        return Optional.ofNullable(userInfo);
    }

    /** The host as written: a name, an IPv4 address or a bracketed IPv6 reference. */
    public String host() {
        return host;
    }

    public OptionalInt port() {
        return port < 0 ? OptionalInt.empty() : OptionalInt.of(port);
    }

    /** The session id: the part that tells the sessions of one host apart. */
    public Optional<String> sessionId() {
        return Optional.ofNullable(sessionId);
    }

    /** The transport, {@code tcp} in practice. */
    public String transport() {
        return transport;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpUri u && text.equals(u.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The URI as received. */
    @Override
    public String toString() {
        return text;
    }
}
