package org.cpmserver.protocol.digest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.cpmserver.protocol.ProtocolException;

/**
 * Tokenizer for the value of a Digest {@code Authorization}, {@code Proxy-Authorization},
 * {@code WWW-Authenticate} or {@code Proxy-Authenticate} header (RFC 3261 §25.1):
 * <pre>
 *   "Digest" LWS param *(COMMA param)
 *   param        = token EQUAL ( token / quoted-string )
 *   quoted-string= DQUOTE *(qdtext / quoted-pair) DQUOTE      ; quoted-pair = "\" CHAR
 * </pre>
 * where COMMA and EQUAL allow whitespace on either side. Parameter names are case-insensitive
 * (RFC 3261 §7.3.1) and kept lower-cased; values keep their case, unquoted and unescaped.
 *
 * <p>Strict where leniency would hide an attack or an ambiguity: a repeated parameter is refused
 * (which of the two would the hash cover?), as are empty list elements, control characters and
 * line breaks (the container hands us an unfolded value, so a CR or LF here is an injection
 * attempt, not folding). Lenient where RFC 3261 is stricter than real clients and nothing is
 * ambiguous: any parameter may be quoted or not, so {@code qop="auth"} is read like {@code qop=auth}.
 */
final class AuthParams {

    /** Far above any real header (a SHA-256 Authorization is ~400 characters); bounds the work. */
    static final int MAX_LENGTH = 8192;
    private static final int MAX_NAME_LENGTH = 32;

    private final Map<String, String> params;

    private AuthParams(Map<String, String> params) {
        this.params = Collections.unmodifiableMap(params);
    }

    /** Lower-cased parameter name → unquoted value, in the order they appeared. */
    Map<String, String> all() {
        return params;
    }

    String get(String name) {
        return params.get(name);
    }

    /**
     * Parses a Digest header value.
     *
     * @param headerName used only to word the error, e.g. {@code Proxy-Authorization}
     * @throws ProtocolException (400) naming the fault, e.g. {@code Bad Authorization header: trailing comma};
     *                           parameter values are never quoted in it, names only once proven short tokens
     */
    static AuthParams parse(String value, String headerName) {
        return new Parser(value, "Bad " + headerName + " header").parse();
    }

    private static final class Parser {
        private final String s;
        private final String component;
        private int pos;

        Parser(String s, String component) {
            this.s = s;
            this.component = component;
        }

        AuthParams parse() {
            if (s == null || s.isBlank()) {
                throw fail("empty value");
            }
            if (s.length() > MAX_LENGTH) {
                throw fail("too long");
            }
            skipWhitespace();
            String scheme = token();
            if (!scheme.equalsIgnoreCase("Digest")) {
                throw fail("scheme is not Digest");
            }
            if (!atEnd() && !isWhitespace(peek())) {
                throw fail("expected whitespace after Digest");
            }
            skipWhitespace();
            if (atEnd()) {
                throw fail("no parameters");
            }
            Map<String, String> params = new LinkedHashMap<>();
            while (true) {
                String name = token();
                if (name.isEmpty()) {
                    throw fail(!atEnd() && peek() == ',' ? "empty list element" : "bad parameter name");
                }
                if (name.length() > MAX_NAME_LENGTH) {
                    throw fail("parameter name too long");
                }
                skipWhitespace();
                if (atEnd() || peek() != '=') {
                    throw fail("missing '=' after " + name);
                }
                pos++;
                skipWhitespace();
                String value;
                if (!atEnd() && peek() == '"') {
                    value = quotedString();
                } else {
                    value = token();
                    if (value.isEmpty()) {
                        throw fail("bad value for " + name);
                    }
                }
                String key = name.toLowerCase(Locale.ROOT);
                if (params.putIfAbsent(key, value) != null) {
                    throw fail("duplicate parameter " + name);
                }
                skipWhitespace();
                if (atEnd()) {
                    return new AuthParams(params);
                }
                if (peek() != ',') {
                    throw fail("expected ',' after " + name);
                }
                pos++;
                skipWhitespace();
                if (atEnd()) {
                    throw fail("trailing comma");
                }
            }
        }

        private String quotedString() {
            pos++; // opening quote
            StringBuilder out = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '"') {
                    pos++;
                    return out.toString();
                }
                if (c == '\\') {
                    if (pos + 1 >= s.length()) {
                        break;
                    }
                    c = s.charAt(pos + 1);
                    pos++;
                }
                if (isControl(c)) {
                    throw fail("control character in quoted string");
                }
                out.append(c);
                pos++;
            }
            throw fail("unterminated quoted string");
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void skipWhitespace() {
            while (pos < s.length() && isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= s.length();
        }

        private char peek() {
            return s.charAt(pos);
        }

        private ProtocolException fail(String reason) {
            return new ProtocolException(component, reason);
        }
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** C0 controls other than HTAB, and DEL: never legal in a header value once unfolded. */
    static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    /** RFC 3261 §25.1 {@code token}: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }

    /** {@code value} as a quoted-string: wrapped in DQUOTE, with '"' and '\' escaped (RFC 3261 §25.1). */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                throw new IllegalArgumentException("control characters cannot be sent in a quoted string");
            }
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
