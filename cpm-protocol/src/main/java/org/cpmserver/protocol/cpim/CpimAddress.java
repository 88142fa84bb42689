package org.cpmserver.protocol.cpim;

import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.AbsoluteUri;
import org.cpmserver.protocol.ProtocolException;

/**
 * The value of a CPIM From, To or cc header (RFC 3862, header definitions): {@code [Formal-name] "<" URI ">"}.
 *
 * <p>The formal name may be a quoted string or, as the RFC's own examples show
 * ({@code MR SANDERS <im:piglet@100akerwood.com>}), a run of unquoted words. Both are read; the
 * name is always written quoted, which every reader accepts. An empty quoted name is the same as
 * none. The URI must carry a scheme and no whitespace, angle brackets or quotes; it is otherwise
 * opaque here (CPIM allows im:, pres:, sip:, tel: and other schemes).
 */
public final class CpimAddress {

    static final String BAD_CPIM = "Bad CPIM";

    /** The anonymous URI RCS clients put in From/To when they want the network to fill them in. */
    public static final CpimAddress ANONYMOUS = new CpimAddress(null, "sip:anonymous@anonymous.invalid");

    private final String displayName;
    private final String uri;

    private CpimAddress(String displayName, String uri) {
        this.displayName = displayName;
        this.uri = uri;
    }

    /** {@code <uri>}. */
    public static CpimAddress of(String uri) {
        return of(null, uri);
    }

    /**
     * {@code "displayName" <uri>}; a null or empty display name gives {@code <uri>}.
     *
     * @throws IllegalArgumentException when the URI is not acceptable or the name has control characters
     */
    public static CpimAddress of(String displayName, String uri) {
        if (!isUri(uri)) {
            throw new IllegalArgumentException("not an absolute URI without spaces or brackets: " + uri);
        }
        if (displayName != null && hasControl(displayName)) {
            throw new IllegalArgumentException("control character in display name");
        }
        return new CpimAddress(displayName == null || displayName.isEmpty() ? null : displayName, uri);
    }

    /**
     * Reads {@code "Name" <uri>}, {@code Name Words <uri>} or {@code <uri>}.
     *
     * @throws ProtocolException ("Bad CPIM: ...") when the value has another form
     */
    public static CpimAddress parse(String value) {
        String v = value.strip();
        if (!v.endsWith(">")) {
            throw fail("address must end with '>': " + ProtocolException.quote(value));
        }
        String name;
        int lt;
        if (v.startsWith("\"")) {
            int close = closingQuote(v);
            if (close < 0) {
                throw fail("unterminated quoted display name");
            }
            name = unescape(v.substring(1, close));
            lt = close + 1;
            while (lt < v.length() && (v.charAt(lt) == ' ' || v.charAt(lt) == '\t')) {
                lt++;
            }
            if (lt >= v.length() || v.charAt(lt) != '<') {
                throw fail("expected '<' after the display name in " + ProtocolException.quote(value));
            }
        } else {
            lt = v.indexOf('<');
            if (lt < 0) {
                throw fail("address must be in angle brackets: " + ProtocolException.quote(value));
            }
            name = v.substring(0, lt).strip();
            if (name.indexOf('"') >= 0 || name.indexOf('>') >= 0) {
                throw fail("malformed display name in " + ProtocolException.quote(value));
            }
        }
        String uri = v.substring(lt + 1, v.length() - 1);
        if (!isUri(uri)) {
            throw fail("not a URI in angle brackets: " + ProtocolException.quote(value));
        }
        if (hasControl(name)) {
            throw fail("control character in display name");
        }
        return new CpimAddress(name.isEmpty() ? null : name, uri);
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public String uri() {
        return uri;
    }

    /** The same address without its display name. */
    public CpimAddress withoutDisplayName() {
        return displayName == null ? this : new CpimAddress(null, uri);
    }

    /** The header value: {@code "Name" <uri>} or {@code <uri>}. */
    @Override
    public String toString() {
        if (displayName == null) {
            return "<" + uri + ">";
        }
        StringBuilder out = new StringBuilder(displayName.length() + uri.length() + 5).append('"');
        for (int i = 0; i < displayName.length(); i++) {
            char c = displayName.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append("\" <").append(uri).append('>').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpimAddress other && Objects.equals(displayName, other.displayName) && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName, uri);
    }

    static boolean isUri(String uri) {
        return AbsoluteUri.isValid(uri);
    }


    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    private static int closingQuote(String v) {
        for (int i = 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String quoted) {
        StringBuilder out = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\' && i + 1 < quoted.length()) {
                c = quoted.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    private static ProtocolException fail(String detail) {
        return new ProtocolException(BAD_CPIM, detail);
    }
}
