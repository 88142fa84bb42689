package org.cpmserver.protocol.cpim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One CPIM message header (RFC 3862, message header syntax):
 * {@code [prefix "."] Name ":" *(";" Parameter) SP Header-value}.
 *
 * <p>The prefix is a local name bound to a namespace URI by an NS header; unprefixed headers
 * belong to the CPIM namespace {@value CpimMessage#CPIM_NAMESPACE}. Header parameters are rare
 * but real ({@code Subject:;lang=fr ...}, RFC 3862 language tagging), so they are kept. A header is checked when built
 * so it can always be written back as one line.
 */
public final class CpimHeader {

    private final String prefix;
    private final String name;
    private final Map<String, String> parameters;
    private final String value;

    private CpimHeader(String prefix, String name, Map<String, String> parameters, String value) {
        this.prefix = prefix;
        this.name = name;
        this.parameters = parameters;
        this.value = value;
    }

    /** An unprefixed header. */
    public static CpimHeader of(String name, String value) {
        return of(null, name, value);
    }

    /**
     * A header with an optional namespace prefix.
     *
     * @throws IllegalArgumentException when a name is not an RFC 3862 Name or the value has line
     *     breaks or other control characters
     */
    public static CpimHeader of(String prefix, String name, String value) {
        return of(prefix, name, Map.of(), value);
    }

    /** A header with parameters (written in the map's order). */
    public static CpimHeader of(String prefix, String name, Map<String, String> parameters, String value) {
        if (prefix != null && !isName(prefix)) {
            throw new IllegalArgumentException("invalid CPIM namespace prefix: " + prefix);
        }
        if (!isName(name)) {
            throw new IllegalArgumentException("invalid CPIM header name: " + name);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            if (!isName(p.getKey()) || !isValueText(p.getValue())) {
                throw new IllegalArgumentException("invalid CPIM header parameter: " + p.getKey());
            }
            params.put(p.getKey(), p.getValue());
        }
        if (!isValueText(value) || !value.equals(value.strip())) {
            throw new IllegalArgumentException("CPIM header value has control characters or surrounding spaces");
        }
        return new CpimHeader(prefix, name, Collections.unmodifiableMap(params), value);
    }

    /** The namespace prefix as written, if any. */
    public Optional<String> prefix() {
        return Optional.ofNullable(prefix);
    }

    public String name() {
        return name;
    }

    /** {@code prefix.Name} or {@code Name}. */
    public String qualifiedName() {
        return prefix == null ? name : prefix + "." + name;
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public String value() {
        return value;
    }

    /** Whether this header is {@code name} with no prefix, ignoring case. */
    boolean isCore(String coreName) {
        return prefix == null && name.equalsIgnoreCase(coreName);
    }

    /** The header line without its CRLF, e.g. {@code Subject:;lang=fr Bonjour}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(qualifiedName()).append(':');
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            out.append(';').append(p.getKey()).append('=').append(paramValue(p.getValue()));
        }
        return out.append(' ').append(value).toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpimHeader other && Objects.equals(prefix, other.prefix) && name.equals(other.name)
                && parameters.equals(other.parameters) && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, name, parameters, value);
    }

    /**
     * RFC 3862 NAMECHAR: letters, digits and {@code ! # $ % & ' * + - ^ _ ` | ~}; in particular
     * no '.', which separates the prefix.
     */
    static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-^_`|~".indexOf(c) >= 0;
    }

    static boolean isName(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Parameter values that may be written bare: Token (NAMECHAR and '.'), which covers Number. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isNameChar(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** No line break or other control character except HTAB. */
    static boolean isValueText(String s) {
        if (s == null) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static String paramValue(String v) {
        if (isToken(v)) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
