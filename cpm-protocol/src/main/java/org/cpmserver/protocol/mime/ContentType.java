package org.cpmserver.protocol.mime;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;

/**
 * A media type with its parameters, as carried by Content-Type (RFC 2045 §5.1, RFC 3261 §20.15).
 *
 * <p>Type, subtype and parameter names are case-insensitive, so they are stored lower-cased and
 * compared as such; parameter values keep their case (a multipart boundary is case-sensitive,
 * RFC 2046 §5.1.1), except that {@link #charset(Charset)} compares charset names the way
 * {@link Charset#forName} does. {@link #toString()} writes the canonical, stable form
 * {@code type/subtype;name=value} with no spaces, quoting values that are not tokens.
 */
public final class ContentType {

    public static final ContentType TEXT_PLAIN = new ContentType("text", "plain", Map.of());
    public static final ContentType TEXT_PLAIN_UTF8 = new ContentType("text", "plain", Map.of("charset", "UTF-8"));
    public static final ContentType MESSAGE_CPIM = new ContentType("message", "cpim", Map.of());
    public static final ContentType MESSAGE_IMDN_XML = new ContentType("message", "imdn+xml", Map.of());
    public static final ContentType RESOURCE_LISTS_XML = new ContentType("application", "resource-lists+xml", Map.of());
    public static final ContentType IM_ISCOMPOSING_XML = new ContentType("application", "im-iscomposing+xml", Map.of());

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;

    private ContentType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
    }

    /** {@code type/subtype} without parameters; both must be RFC 2045 tokens. */
    public static ContentType of(String type, String subtype) {
        return of(type, subtype, Map.of());
    }

    /** {@code type/subtype} with the given parameters, written in the map's iteration order. */
    public static ContentType of(String type, String subtype, Map<String, String> parameters) {
        return new ContentType(MimeSyntax.requireToken(type, "type"), MimeSyntax.requireToken(subtype, "subtype"),
                MimeSyntax.checkedParameters(parameters));
    }

    /**
     * Reads a Content-Type value such as {@code text/plain; charset="utf-8"}.
     *
     * @throws ProtocolException when the value does not follow RFC 2045 §5.1
     */
    public static ContentType parse(String value) {
        MimeSyntax.Cursor in = new MimeSyntax.Cursor(value, "Content-Type");
        in.skipWhitespace();
        String type = in.token("type");
        in.skipWhitespace();
        if (!in.consume('/')) {
            throw in.fail("has no subtype");
        }
        in.skipWhitespace();
        String subtype = in.token("subtype");
        Map<String, String> params = in.parameters();
        return new ContentType(type.toLowerCase(Locale.ROOT), subtype.toLowerCase(Locale.ROOT), params);
    }

    public String type() {
        return type;
    }

    public String subtype() {
        return subtype;
    }

    /** {@code type/subtype}, lower-cased, without parameters. */
    public String mediaType() {
        return type + "/" + subtype;
    }

    /** Parameters by lower-cased name, in the order they were written. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** A parameter's value; the name is matched case-insensitively. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /** A copy with {@code name} set to {@code value} (replacing an existing value in place). */
    public ContentType withParameter(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(MimeSyntax.requireToken(name, "parameter name"), value);
        return new ContentType(type, subtype, MimeSyntax.checkedParameters(copy));
    }

    /** A copy without parameters. */
    public ContentType withoutParameters() {
        return new ContentType(type, subtype, Map.of());
    }

    /**
     * Whether this is {@code mediaType} ("type/subtype", case-insensitive); {@code *} matches any
     * subtype or, as {@code * / *}, anything (the Accept wildcards of RFC 3261 §20.1).
     */
    public boolean is(String mediaType) {
        int slash = mediaType.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a type/subtype: " + mediaType);
        }
        String t = mediaType.substring(0, slash).trim();
        String s = mediaType.substring(slash + 1).trim();
        return ("*".equals(t) || t.equalsIgnoreCase(type)) && ("*".equals(s) || s.equalsIgnoreCase(subtype));
    }

    /** Whether the type and subtype equal {@code other}'s, ignoring parameters. */
    public boolean sameMediaType(ContentType other) {
        return type.equals(other.type) && subtype.equals(other.subtype);
    }

    /**
     * The charset parameter, or {@code fallback} when there is none.
     *
     * @throws ProtocolException when the named charset is unknown to the JVM
     */
    public Charset charset(Charset fallback) {
        Optional<String> name = parameter("charset");
        if (name.isEmpty()) {
            return fallback;
        }
        try {
            return Charset.forName(name.get());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProtocolException(MimeSyntax.BAD_MIME, "unsupported charset " + ProtocolException.quote(name.get()), e);
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(type).append('/').append(subtype);
        MimeSyntax.appendParameters(out, parameters);
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentType other && type.equals(other.type) && subtype.equals(other.subtype)
                && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, subtype, parameters);
    }
}
