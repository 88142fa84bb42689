package org.cpmserver.protocol.mime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cpmserver.protocol.ProtocolException;

/**
 * The lexical rules shared by Content-Type and Content-Disposition: RFC 2045 §5.1 tokens and
 * RFC 5322 §3.2.4 quoted strings, and the {@code *(";" parameter)} list that follows the main value.
 */
final class MimeSyntax {

    static final String BAD_MIME = "Bad MIME";

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private MimeSyntax() {
    }

    /** RFC 2045 §5.1: any printable US-ASCII character except SPACE and tspecials. */
    static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && TSPECIALS.indexOf(c) < 0;
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A parameter value as written: bare when it is a token, otherwise a quoted string. */
    static String quoteIfNeeded(String value) {
        return isToken(value) ? value : quote(value);
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isCtl(c)) {
                throw new IllegalArgumentException("control character in a MIME parameter value");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** Control characters except HTAB, which RFC 5322 allows in unstructured text. */
    static boolean isCtl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    static String requireToken(String s, String what) {
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " is not a MIME token: " + s);
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** A left-to-right reader over a header value. */
    static final class Cursor {
        private final String s;
        private final String header;
        private int pos;

        Cursor(String s, String header) {
            this.s = s;
            this.header = header;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        char peek() {
            return s.charAt(pos);
        }

        void skipWhitespace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        boolean consume(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        String token(String what) {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw fail("has no " + what);
            }
            return s.substring(start, pos);
        }

        String quotedString() {
            // the opening quote has been checked by the caller
            pos++;
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    c = s.charAt(pos++);
                }
                if (isCtl(c)) {
                    throw fail("has a control character in a quoted string");
                }
                out.append(c);
            }
            throw fail("has an unterminated quoted string");
        }

        ProtocolException fail(String detail) {
            return new ProtocolException(BAD_MIME, header + " " + detail);
        }

        /**
         * Reads {@code *(";" name "=" value)} to the end of the text. Parameter names are
         * case-insensitive (RFC 2045 §5.1) and stored lower-cased; a repeated name is refused because
         * two readers could disagree about which one counts (a classic boundary-confusion trick). A
         * single trailing ';' is tolerated: several phones send {@code text/plain;charset=UTF-8;}.
         */
        Map<String, String> parameters() {
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                skipWhitespace();
                if (atEnd()) {
                    return Collections.unmodifiableMap(params);
                }
                if (!consume(';')) {
                    throw fail("has unexpected text " + ProtocolException.quote(s.substring(pos)));
                }
                skipWhitespace();
                if (atEnd()) {
                    return Collections.unmodifiableMap(params);
                }
                String name = token("parameter name").toLowerCase(Locale.ROOT);
                skipWhitespace();
                if (!consume('=')) {
                    throw fail("parameter " + ProtocolException.quote(name) + " has no value");
                }
                skipWhitespace();
                String value = !atEnd() && peek() == '"' ? quotedString() : token("value for parameter " + name);
                if (params.putIfAbsent(name, value) != null) {
                    throw fail("repeats parameter " + ProtocolException.quote(name));
                }
            }
        }
    }

    /** Writes {@code ;name=value} pairs in their stored order (stable output). */
    static void appendParameters(StringBuilder out, Map<String, String> params) {
        for (Map.Entry<String, String> p : params.entrySet()) {
            out.append(';').append(p.getKey()).append('=').append(quoteIfNeeded(p.getValue()));
        }
    }

    /** Validates and copies parameters supplied by code (not parsed from the wire). */
    static Map<String, String> checkedParameters(Map<String, String> params) {
        Map<String, String> copy = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : params.entrySet()) {
            String name = requireToken(p.getKey(), "parameter name");
            String value = p.getValue();
            quote(value); // rejects control characters
            if (copy.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("repeated parameter " + name);
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
