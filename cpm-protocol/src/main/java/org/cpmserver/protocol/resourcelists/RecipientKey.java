package org.cpmserver.protocol.resourcelists;

import java.util.Locale;
import org.cpmserver.protocol.AbsoluteUri;

/**
 * The comparison key that decides whether two list entries name the same recipient, so that a
 * URI-list server sends one copy per recipient (RFC 5365).
 *
 * <p>This is deliberately a practical subset of URI equivalence, not all of RFC 3261 §19.1.4:
 * <ul>
 *   <li>the scheme is case-insensitive;</li>
 *   <li>sip/sips: the user part is case-sensitive but percent-escapes of unreserved characters
 *       are decoded; host, port and parameters are compared case-insensitively;</li>
 *   <li>tel: visual separators ({@code - . ( )}) are ignored in the number (RFC 3966 §5.1.1) and
 *       parameters are compared case-insensitively;</li>
 *   <li>any other scheme is compared exactly after its scheme.</li>
 * </ul>
 * Parameter order still matters, so the rare list that names one recipient twice with reordered
 * parameters sends two copies; a false "duplicate" would silently drop a recipient, which is worse.
 */
final class RecipientKey {

    private static final String UNRESERVED_MARKS = "-_.!~*'()";

    private RecipientKey() {
    }

    static String of(String uri) {
        int colon = uri.indexOf(':');
        String scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = uri.substring(colon + 1);
        switch (scheme) {
            case "sip", "sips" -> {
                int at = rest.indexOf('@');
                if (at < 0) {
                    return scheme + ":" + rest.toLowerCase(Locale.ROOT);
                }
                return scheme + ":" + decodeUnreserved(rest.substring(0, at)) + "@"
                        + rest.substring(at + 1).toLowerCase(Locale.ROOT);
            }
            case "tel" -> {
                int semi = rest.indexOf(';');
                String number = semi < 0 ? rest : rest.substring(0, semi);
                String params = semi < 0 ? "" : rest.substring(semi).toLowerCase(Locale.ROOT);
                StringBuilder digits = new StringBuilder(number.length());
                for (int i = 0; i < number.length(); i++) {
                    char c = number.charAt(i);
                    if ("-.()".indexOf(c) < 0) {
                        digits.append(Character.toUpperCase(c));
                    }
                }
                return "tel:" + digits + params;
            }
            default -> {
                return scheme + ":" + rest;
            }
        }
    }

    static boolean isUri(String uri) {
        return AbsoluteUri.isValid(uri);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String decodeUnreserved(String user) {
        StringBuilder out = new StringBuilder(user.length());
        for (int i = 0; i < user.length(); i++) {
            char c = user.charAt(i);
            if (c == '%' && i + 2 < user.length()) {
                int hi = Character.digit(user.charAt(i + 1), 16);
                int lo = Character.digit(user.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    char d = (char) (hi << 4 | lo);
                    if (isAlpha(d) || (d >= '0' && d <= '9') || UNRESERVED_MARKS.indexOf(d) >= 0) {
                        out.append(d);
                        i += 2;
                        continue;
                    }
                    // keep other escapes, normalising the hex digits' case
                    out.append('%').append(Character.toUpperCase(user.charAt(i + 1)))
                            .append(Character.toUpperCase(user.charAt(i + 2)));
                    i += 2;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }
}
