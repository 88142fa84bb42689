package org.cpmserver.protocol.sip;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CPM user's public address-of-record, {@code sip:user@domain}, in canonical form: scheme and
 * domain lower case, user part kept as written (RFC 3261 §19.1.4 compares it case-sensitively),
 * no port, parameters or headers. Two devices of the same user share one {@code SipAddress}.
 */
public final class SipAddress {

    // RFC 3261 §25.1 user: unreserved / escaped / user-unreserved
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9\\-_.!~*'()&=+$,;?/%]+");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9\\-]*[A-Za-z0-9])?)*");

    private final String user;
    private final String domain;

    private SipAddress(String user, String domain) {
        this.user = user;
        this.domain = domain;
    }

    public static SipAddress of(String user, String domain) {
        if (user == null || !USER.matcher(user).matches()) {
            throw new IllegalArgumentException("not a valid SIP user part: " + user);
        }
        if (domain == null || domain.length() > 253 || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException("not a valid SIP domain: " + domain);
        }
        return new SipAddress(user, domain.toLowerCase(Locale.ROOT));
    }

    /**
     * Parses {@code sip:user@domain} (also accepted: angle brackets, a port, URI parameters, which
     * are dropped because an address-of-record has none).
     */
    public static SipAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no SIP address");
        }
        String s = text.trim();
        if (s.startsWith("<") && s.endsWith(">")) {
            s = s.substring(1, s.length() - 1);
        }
        if (!s.regionMatches(true, 0, "sip:", 0, 4)) {
            throw new IllegalArgumentException("not a sip: URI: " + text);
        }
        s = s.substring(4);
        int cut = indexOfAny(s, ";?");
        if (cut >= 0) {
            s = s.substring(0, cut);
        }
        int at = s.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("a user address needs user@domain: " + text);
        }
        String host = s.substring(at + 1);
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        return of(s.substring(0, at), host);
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    public String user() {
        return user;
    }

    public String domain() {
        return domain;
    }

    /** {@code sip:user@domain}. */
    public String uri() {
        return "sip:" + user + "@" + domain;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SipAddress && ((SipAddress) o).user.equals(user) && ((SipAddress) o).domain.equals(domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, domain);
    }

    @Override
    public String toString() {
        return uri();
    }
}
