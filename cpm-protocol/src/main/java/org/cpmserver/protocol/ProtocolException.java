package org.cpmserver.protocol;

/**
 * A protocol element received from the network is malformed or breaks a limit.
 *
 * <p>The codecs throw it for input they refuse; the SIP layer turns it into a final response whose
 * reason phrase is {@link #reason()} (for example {@code 400 Bad CPIM: missing blank line after
 * message headers}) and whose status is {@link #statusCode()}. The reason is therefore kept short and
 * made safe for a SIP Reason-Phrase (RFC 3261 §25.1 forbids CR and LF there): control characters are
 * replaced and the text is truncated, so untrusted input quoted into a detail cannot inject headers.
 *
 * <p>Unchecked on purpose: the same validation guards values built by the server itself (where a
 * failure is a bug, not a peer error) and codecs are called from lambdas and streams.
 */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The status a malformed request gets (RFC 3261 §21.4.1). */
    public static final int BAD_REQUEST = 400;
    /** The status a well-formed request beyond a policy limit gets (RFC 3261 §21.4.4). */
    public static final int FORBIDDEN = 403;

    private static final int MAX_REASON = 160;
    private static final int MAX_QUOTED = 40;

    private final String component;
    private final String detail;
    private final int statusCode;

    /** A malformed element: {@code component} names the format ("Bad CPIM"), {@code detail} the fault. */
    public ProtocolException(String component, String detail) {
        this(component, detail, BAD_REQUEST, null);
    }

    /** As {@link #ProtocolException(String, String)} with the SIP status the caller should answer. */
    public ProtocolException(String component, String detail, int statusCode) {
        this(component, detail, statusCode, null);
    }

    /** As {@link #ProtocolException(String, String)}, keeping the low-level cause for the logs. */
    public ProtocolException(String component, String detail, Throwable cause) {
        this(component, detail, BAD_REQUEST, cause);
    }

    private ProtocolException(String component, String detail, int statusCode, Throwable cause) {
        super(sanitize(component + ": " + detail), cause);
        if (statusCode < 400 || statusCode > 699) {
            throw new IllegalArgumentException("not an error status: " + statusCode);
        }
        this.component = component;
        this.detail = detail;
        this.statusCode = statusCode;
    }

    /** Short, single-line, human-readable text fit for a SIP reason phrase. */
    public String reason() {
        return getMessage();
    }

    /** The format that was being parsed, e.g. {@code "Bad CPIM"}. */
    public String component() {
        return component;
    }

    /** What was wrong, without the component prefix. */
    public String detail() {
        return detail;
    }

    /** The SIP status code to answer with: 400 for malformed input, 403 for a refused policy limit. */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The same fault reported under an enclosing format, e.g. a bad Content-Type inside a CPIM
     * message becomes {@code "Bad CPIM: Content-Type has no subtype"}.
     */
    public ProtocolException in(String enclosingComponent) {
        return new ProtocolException(enclosingComponent, detail, statusCode, this);
    }

    /**
     * Quotes an untrusted fragment for inclusion in a detail: single-quoted, control characters
     * replaced, at most 40 characters.
     */
    public static String quote(String untrusted) {
        String s = untrusted == null ? "" : untrusted;
        if (s.length() > MAX_QUOTED) {
            s = dropDanglingSurrogate(s.substring(0, MAX_QUOTED)) + "...";
        }
        return "'" + sanitize(s) + "'";
    }

    private static String sanitize(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_REASON + 3));
        for (int i = 0; i < text.length() && out.length() < MAX_REASON; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        if (out.length() >= MAX_REASON && text.length() > MAX_REASON) {
            return dropDanglingSurrogate(out.toString()) + "...";
        }
        return out.toString();
    }

    private static String dropDanglingSurrogate(String s) {
        return !s.isEmpty() && Character.isHighSurrogate(s.charAt(s.length() - 1)) ? s.substring(0, s.length() - 1) : s;
    }
}
