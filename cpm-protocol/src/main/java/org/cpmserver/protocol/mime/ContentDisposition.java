package org.cpmserver.protocol.mime;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;

/**
 * A Content-Disposition value (RFC 2183 §2, RFC 3261 §20.11): a disposition type and parameters.
 *
 * <p>CPM bodies use two types: {@code recipient-list} marks the URI list of a one-to-many MESSAGE
 * (RFC 5365; the type is registered by RFC 5363) and {@code notification} marks an IMDN payload
 * (RFC 5438 §7.2.1). The type and parameter names are case-insensitive and stored lower-cased.
 */
public final class ContentDisposition {

    public static final ContentDisposition RECIPIENT_LIST = new ContentDisposition("recipient-list", Map.of());
    public static final ContentDisposition NOTIFICATION = new ContentDisposition("notification", Map.of());

    private final String type;
    private final Map<String, String> parameters;

    private ContentDisposition(String type, Map<String, String> parameters) {
        this.type = type;
        this.parameters = parameters;
    }

    public static ContentDisposition of(String type, Map<String, String> parameters) {
        return new ContentDisposition(MimeSyntax.requireToken(type, "disposition type"),
                MimeSyntax.checkedParameters(parameters));
    }

    /**
     * Reads a Content-Disposition value such as {@code recipient-list;handling=required}.
     *
     * @throws ProtocolException when the value is not a token followed by parameters
     */
    public static ContentDisposition parse(String value) {
        MimeSyntax.Cursor in = new MimeSyntax.Cursor(value, "Content-Disposition");
        in.skipWhitespace();
        String type = in.token("disposition type");
        return new ContentDisposition(type.toLowerCase(Locale.ROOT), in.parameters());
    }

    /** The disposition type, lower-cased. */
    public String type() {
        return type;
    }

    /** Whether the disposition type is {@code dispositionType}, ignoring case. */
    public boolean is(String dispositionType) {
        return type.equalsIgnoreCase(dispositionType);
    }

    public Map<String, String> parameters() {
        return parameters;
    }

    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(type);
        MimeSyntax.appendParameters(out, parameters);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentDisposition other && type.equals(other.type) && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, parameters);
    }
}
