package org.cpmserver.protocol.imdn;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.cpmserver.protocol.ProtocolException;

/**
 * The value of the CPIM header {@code imdn.Disposition-Notification} (RFC 5438): which
 * notifications the sender asks for.
 *
 * <p>Reading follows the RFC's extensibility rule: a token this code does not know is ignored, so a
 * value made only of unknown tokens yields an empty request rather than an error. The tokens are
 * ABNF string literals and therefore case-insensitive (RFC 5234 §2.3). Anything after a ';' in an
 * item is ignored, so a future parameter does not break reading. What is refused is a value that
 * is not a comma-separated list of tokens at all (an empty value, an empty item, spaces inside a
 * token).
 */
public final class DispositionNotification {

    static final String BAD_IMDN = "Bad IMDN";

    /** The notification kinds of RFC 5438, in ABNF order (which is also the writing order). */
    public enum Kind {
        POSITIVE_DELIVERY("positive-delivery"),
        NEGATIVE_DELIVERY("negative-delivery"),
        PROCESSING("processing"),
        DISPLAY("display");

        private final String token;

        Kind(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    private static final DispositionNotification NONE = new DispositionNotification(EnumSet.noneOf(Kind.class));

    private final Set<Kind> kinds;

    private DispositionNotification(EnumSet<Kind> kinds) {
        this.kinds = Collections.unmodifiableSet(kinds);
    }

    public static DispositionNotification of(Kind first, Kind... rest) {
        return new DispositionNotification(EnumSet.of(first, rest));
    }

    public static DispositionNotification of(Set<Kind> kinds) {
        return kinds.isEmpty() ? NONE : new DispositionNotification(EnumSet.copyOf(kinds));
    }

    /** No notification requested (what an absent header means). */
    public static DispositionNotification none() {
        return NONE;
    }

    /**
     * Reads a header value such as {@code positive-delivery, display}.
     *
     * @throws ProtocolException ("Bad IMDN: ...") when the value is not a list of tokens
     */
    public static DispositionNotification parse(String value) {
        if (value.isBlank()) {
            throw new ProtocolException(BAD_IMDN, "empty Disposition-Notification");
        }
        EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
        for (String item : value.split(",", -1)) {
            int semi = item.indexOf(';');
            String token = (semi < 0 ? item : item.substring(0, semi)).strip();
            if (!isToken(token)) {
                throw new ProtocolException(BAD_IMDN, "malformed Disposition-Notification " + ProtocolException.quote(value));
            }
            String lower = token.toLowerCase(Locale.ROOT);
            for (Kind k : Kind.values()) {
                if (k.token.equals(lower)) {
                    kinds.add(k);
                }
            }
        }
        return of(kinds);
    }

    public Set<Kind> kinds() {
        return kinds;
    }

    public boolean requests(Kind kind) {
        return kinds.contains(kind);
    }

    public boolean isEmpty() {
        return kinds.isEmpty();
    }

    /**
     * The header value, e.g. {@code positive-delivery, display}.
     *
     * @throws IllegalStateException when nothing is requested (then the header is simply left out)
     */
    public String toHeaderValue() {
        if (kinds.isEmpty()) {
            throw new IllegalStateException("no notification requested: omit the header");
        }
        return kinds.stream().map(Kind::token).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return kinds.isEmpty() ? "" : toHeaderValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DispositionNotification other && kinds.equals(other.kinds);
    }

    @Override
    public int hashCode() {
        return kinds.hashCode();
    }

    /** An RFC 3862 Token: letters, digits and {@code ! # $ % & ' * + - . ^ _ ` | ~}. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
