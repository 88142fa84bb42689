package org.cpmserver.protocol.mime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;

/**
 * An ordered list of MIME header fields (RFC 5322 §2.2 framing, RFC 2045 §3 fields), looked up by
 * case-insensitive name.
 *
 * <p>Immutable. Every name and value is checked when added, so whatever a {@code MimeHeaders} holds
 * can be written back without the risk of injecting a line break.
 */
public final class MimeHeaders {

    /** One field; the name keeps the case it was written with. */
    public record Field(String name, String value) {
        public Field {
            checkName(name);
            checkValue(value);
        }
    }

    private static final MimeHeaders EMPTY = new MimeHeaders(List.of());

    private final List<Field> fields;

    private MimeHeaders(List<Field> fields) {
        this.fields = Collections.unmodifiableList(fields);
    }

    public static MimeHeaders empty() {
        return EMPTY;
    }

    /**
     * Interprets header lines read by {@link HeaderBlock}. A line starting with SP or HTAB continues
     * the previous field (RFC 5322 §2.2.3 folding); unfolding only removes the line break. The
     * field value is trimmed. Whitespace between the name and the colon is tolerated, as the
     * obsolete syntax of RFC 5322 §4.5 allows.
     *
     * @throws ProtocolException on a line without a colon, an empty or invalid name, a continuation
     *     with nothing to continue, or a control character in a value
     */
    public static MimeHeaders parse(List<String> lines, String component) {
        List<Field> fields = new ArrayList<>(lines.size());
        String name = null;
        StringBuilder value = null;
        for (String line : lines) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (name == null) {
                    throw new ProtocolException(component, "header block starts with a continuation line");
                }
                value.append(line);
                continue;
            }
            if (name != null) {
                fields.add(field(name, value.toString(), component));
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ProtocolException(component, "header line without a colon: " + ProtocolException.quote(line));
            }
            name = line.substring(0, colon).stripTrailing();
            if (!isName(name)) {
                throw new ProtocolException(component, "invalid header name " + ProtocolException.quote(name));
            }
            value = new StringBuilder(line.substring(colon + 1));
        }
        if (name != null) {
            fields.add(field(name, value.toString(), component));
        }
        return new MimeHeaders(fields);
    }

    private static Field field(String name, String rawValue, String component) {
        for (int i = 0; i < rawValue.length(); i++) {
            if (MimeSyntax.isCtl(rawValue.charAt(i))) {
                throw new ProtocolException(component, "control character in header " + ProtocolException.quote(name));
            }
        }
        return new Field(name, rawValue.strip());
    }

    /** A copy with one more field at the end. */
    public MimeHeaders with(String name, String value) {
        List<Field> copy = new ArrayList<>(fields);
        copy.add(new Field(name, value));
        return new MimeHeaders(copy);
    }

    /** A copy in which {@code name} has exactly one field with {@code value}, where the first was. */
    public MimeHeaders set(String name, String value) {
        List<Field> copy = new ArrayList<>(fields.size() + 1);
        boolean placed = false;
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(name)) {
                copy.add(f);
            } else if (!placed) {
                copy.add(new Field(name, value));
                placed = true;
            }
        }
        if (!placed) {
            copy.add(new Field(name, value));
        }
        return new MimeHeaders(copy);
    }

    /** A copy without any field called {@code name}. */
    public MimeHeaders without(String name) {
        List<Field> copy = new ArrayList<>(fields.size());
        for (Field f : fields) {
            if (!f.name().equalsIgnoreCase(name)) {
                copy.add(f);
            }
        }
        return new MimeHeaders(copy);
    }

    /** All fields in order. */
    public List<Field> fields() {
        return fields;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The value of the first field called {@code name}. */
    public Optional<String> first(String name) {
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /** The values of every field called {@code name}, in order. */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (f.name().equalsIgnoreCase(name)) {
                values.add(f.value());
            }
        }
        return values;
    }

    /**
     * The only value of {@code name}, if present.
     *
     * @throws ProtocolException when the field appears more than once
     */
    public Optional<String> single(String name, String component) {
        List<String> values = all(name);
        if (values.size() > 1) {
            throw new ProtocolException(component, "more than one " + name + " header");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Appends {@code Name: value CRLF} for every field. */
    public void writeTo(StringBuilder out) {
        for (Field f : fields) {
            out.append(f.name()).append(": ").append(f.value()).append("\r\n");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MimeHeaders other && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        writeTo(out);
        return out.toString();
    }

    /** RFC 5322 §3.6.8 field-name: printable US-ASCII except ':'. */
    static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static void checkName(String name) {
        if (name == null || !isName(name)) {
            throw new IllegalArgumentException("invalid header name: " + name);
        }
    }

    private static void checkValue(String value) {
        if (value == null) {
            throw new IllegalArgumentException("null header value");
        }
        for (int i = 0; i < value.length(); i++) {
            if (MimeSyntax.isCtl(value.charAt(i))) {
                throw new IllegalArgumentException("control character in header value");
            }
        }
        if (!value.equals(value.strip())) {
            throw new IllegalArgumentException("header value has leading or trailing whitespace");
        }
    }
}
