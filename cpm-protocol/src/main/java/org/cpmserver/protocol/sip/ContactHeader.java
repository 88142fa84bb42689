package org.cpmserver.protocol.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cpmserver.protocol.ProtocolException;

/**
 * A Contact header value (RFC 3261 §20.10, §25.1): one or more contacts separated by commas,
 * each a name-addr ({@code "Bob" <sip:bob@host>;expires=60}) or an addr-spec whose parameters,
 * without angle brackets, belong to the header. The wildcard {@code *} yields no contact.
 */
public final class ContactHeader {

    private static final String COMPONENT = "Contact";

    private ContactHeader() {
    }

    /** One contact: its URI and its header parameters (names lower-cased, values as written). */
    public static final class Contact {
        private final String uri;
        private final Map<String, String> parameters;

        Contact(String uri, Map<String, String> parameters) {
            this.uri = uri;
            this.parameters = Collections.unmodifiableMap(parameters);
        }

        public String uri() {
            return uri;
        }

        /** Parameter name to value; a parameter without a value maps to "". */
        public Map<String, String> parameters() {
            return parameters;
        }
    }

    public static List<Contact> parse(String value) {
        List<Contact> contacts = new ArrayList<>();
        for (String one : splitOutsideQuotesAndBrackets(value)) {
            String c = one.trim();
            if (c.equals("*")) {
                continue;
            }
            if (c.isEmpty()) {
                throw new ProtocolException(COMPONENT, "empty contact");
            }
            String uri;
            String params;
            int open = indexOutsideQuotes(c, '<');
            if (open >= 0) {
                int close = c.indexOf('>', open);
                if (close < 0) {
                    throw new ProtocolException(COMPONENT, "'<' without '>'");
                }
                uri = c.substring(open + 1, close).trim();
                params = c.substring(close + 1);
            } else {
                int semi = c.indexOf(';');
                uri = (semi < 0 ? c : c.substring(0, semi)).trim();
                params = semi < 0 ? "" : c.substring(semi);
            }
            if (uri.isEmpty() || uri.indexOf(':') <= 0) {
                throw new ProtocolException(COMPONENT, "contact without a URI");
            }
            contacts.add(new Contact(uri, parameters(params)));
        }
        return contacts;
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        String t = text.trim();
        if (t.isEmpty()) {
            return params;
        }
        if (t.charAt(0) != ';') {
            throw new ProtocolException(COMPONENT, "text after the URI that is not a parameter");
        }
        for (String p : splitOutsideQuotes(t.substring(1), ';')) {
            String param = p.trim();
            if (param.isEmpty()) {
                throw new ProtocolException(COMPONENT, "empty parameter");
            }
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new ProtocolException(COMPONENT, "parameter without a name");
            }
            params.put(name, eq < 0 ? "" : param.substring(eq + 1).trim());
        }
        return params;
    }

    private static List<String> splitOutsideQuotesAndBrackets(String s) {
        return split(s, positionsOutside(s, ',', true));
    }

    private static List<String> splitOutsideQuotes(String s, char separator) {
        return split(s, positionsOutside(s, separator, false));
    }

    private static int indexOutsideQuotes(String s, char wanted) {
        List<Integer> at = positionsOutside(s, wanted, false);
        return at.isEmpty() ? -1 : at.get(0);
    }

    private static List<String> split(String s, List<Integer> at) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i : at) {
            parts.add(s.substring(from, i));
            from = i + 1;
        }
        parts.add(s.substring(from));
        return parts;
    }

    /**
     * Where {@code wanted} stands outside quoted strings (a backslash escapes inside them) and,
     * with {@code brackets}, outside {@code <...>}; refuses unbalanced quotes.
     */
    private static List<Integer> positionsOutside(String s, char wanted, boolean brackets) {
        List<Integer> at = new ArrayList<>();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && quoted) {
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && brackets && ch == '<') {
                depth++;
            } else if (!quoted && brackets && ch == '>') {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && ch == wanted) {
                at.add(i);
            }
        }
        if (quoted) {
            throw new ProtocolException(COMPONENT, "unbalanced quotes");
        }
        return at;
    }
}
