package org.cpmserver.protocol.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cpmserver.protocol.ProtocolException;

/**
 * A multipart body (RFC 2046 §5.1): body parts separated by boundary delimiter lines.
 *
 * <p>CPM needs it for the one-to-many MESSAGE of RFC 5365, whose body is a
 * {@code multipart/mixed} holding the recipient list and the message itself.
 *
 * <p>Reading follows the grammar of RFC 2046 §5.1.1: the preamble before the first delimiter and
 * the epilogue after the close delimiter are ignored; a delimiter must start a line and may be
 * followed by transport padding (spaces, tabs); the close delimiter {@code --boundary--} is
 * required, so a truncated body is refused instead of silently losing its last part. As for all
 * header framing here, a bare LF is accepted where CRLF is due. Writing always uses CRLF, puts no
 * preamble, and ends with the close delimiter and CRLF.
 */
public final class Multipart {

    static final String BAD_MULTIPART = "Bad multipart";

    /** RFC 2046 §5.1.1: a boundary is 1 to 70 characters. */
    public static final int MAX_BOUNDARY_LENGTH = 70;
    /** Upper bound on the parts read from one body: CPM bodies have two or three. */
    public static final int MAX_PARTS = 64;

    private static final String BCHARS_NO_SPACE =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String subtype;
    private final String boundary;
    private final List<BodyPart> parts;

    private Multipart(String subtype, String boundary, List<BodyPart> parts) {
        this.subtype = subtype;
        this.boundary = boundary;
        this.parts = List.copyOf(parts);
    }

    /** A {@code multipart/mixed} with the given boundary. */
    public static Multipart of(String boundary, List<BodyPart> parts) {
        return of("mixed", boundary, parts);
    }

    /**
     * A {@code multipart/<subtype>} with the given boundary.
     *
     * @throws IllegalArgumentException when the boundary is invalid, there is no part, or a part's
     *     content contains the delimiter (the result could not be read back)
     */
    public static Multipart of(String subtype, String boundary, List<BodyPart> parts) {
        if (!isValidBoundary(boundary)) {
            throw new IllegalArgumentException("invalid multipart boundary: " + boundary);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a multipart body needs at least one part (RFC 2046 §5.1.1)");
        }
        byte[] delimiter = ("\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (BodyPart part : parts) {
            if (containsDelimiter(part.rawBody(), delimiter)) {
                throw new IllegalArgumentException("a body part contains the boundary delimiter " + boundary);
            }
        }
        return new Multipart(MimeSyntax.requireToken(subtype, "subtype"), boundary, parts);
    }

    /** A {@code multipart/mixed} with a fresh random boundary that none of the parts contains. */
    public static Multipart withGeneratedBoundary(List<BodyPart> parts) {
        while (true) {
            StringBuilder b = new StringBuilder("cpm-");
            for (int i = 0; i < 24; i++) {
                b.append(BCHARS_NO_SPACE.charAt(RANDOM.nextInt(62)));
            }
            try {
                return of(b.toString(), parts);
            } catch (IllegalArgumentException collision) {
                if (parts.isEmpty()) {
                    throw collision;
                }
                // astronomically unlikely: a part contained the random boundary; draw again
            }
        }
    }

    /**
     * Reads a multipart body described by {@code contentType} (which must be {@code multipart/*}
     * with a boundary parameter).
     *
     * @throws ProtocolException when the Content-Type or the body do not follow RFC 2046 §5.1
     */
    public static Multipart parse(ContentType contentType, byte[] body) {
        if (!contentType.type().equals("multipart")) {
            throw new ProtocolException(BAD_MULTIPART, "Content-Type " + contentType.mediaType() + " is not multipart");
        }
        String boundary = contentType.parameter("boundary").orElseThrow(
                () -> new ProtocolException(BAD_MULTIPART, "Content-Type has no boundary parameter"));
        if (!isValidBoundary(boundary)) {
            throw new ProtocolException(BAD_MULTIPART, "invalid boundary " + ProtocolException.quote(boundary));
        }
        return new Multipart(contentType.subtype(), boundary, readParts(boundary, body));
    }

    public String subtype() {
        return subtype;
    }

    public String boundary() {
        return boundary;
    }

    public List<BodyPart> parts() {
        return parts;
    }

    /** {@code multipart/<subtype>;boundary=...}, for the Content-Type of the enclosing message. */
    public ContentType contentType() {
        return ContentType.of("multipart", subtype, Map.of("boundary", boundary));
    }

    /** The encoded body: CRLF line ends, no preamble, a close delimiter followed by CRLF. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] dashBoundary = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        for (BodyPart part : parts) {
            out.writeBytes(dashBoundary);
            out.writeBytes(CRLF);
            StringBuilder headers = new StringBuilder();
            part.headers().writeTo(headers);
            out.writeBytes(headers.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
            out.writeBytes(part.rawBody());
            out.writeBytes(CRLF);
        }
        out.writeBytes(dashBoundary);
        out.writeBytes(new byte[] {'-', '-', '\r', '\n'});
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** RFC 2046 §5.1.1: 1*70 bchars, not ending with a space. */
    public static boolean isValidBoundary(String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH
                || boundary.endsWith(" ")) {
            return false;
        }
        for (int i = 0; i < boundary.length(); i++) {
            char c = boundary.charAt(i);
            if (c != ' ' && BCHARS_NO_SPACE.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private enum Kind { NONE, OPEN, CLOSE }

    private static List<BodyPart> readParts(String boundary, byte[] body) {
        byte[] dash = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        // the first delimiter may start the body or follow the preamble
        int at = -1;
        Kind kind = Kind.NONE;
        for (int i = indexOf(body, dash, 0); i >= 0; i = indexOf(body, dash, i + 1)) {
            if (i == 0 || body[i - 1] == '\n') {
                kind = classify(body, i + dash.length);
                if (kind != Kind.NONE) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) {
            throw new ProtocolException(BAD_MULTIPART, "no boundary delimiter line");
        }
        if (kind == Kind.CLOSE) {
            throw new ProtocolException(BAD_MULTIPART, "no body part before the close delimiter");
        }
        List<BodyPart> parts = new ArrayList<>();
        int partStart = lineAfter(body, at + dash.length);
        while (true) {
            int next = -1;
            for (int i = indexOf(body, dash, partStart); i >= 0; i = indexOf(body, dash, i + 1)) {
                if (i - 1 >= partStart && body[i - 1] == '\n') {
                    kind = classify(body, i + dash.length);
                    if (kind != Kind.NONE) {
                        next = i;
                        break;
                    }
                }
            }
            if (next < 0) {
                throw new ProtocolException(BAD_MULTIPART, "missing close delimiter --" + boundary + "--");
            }
            // the line break before the delimiter belongs to the delimiter (RFC 2046 §5.1.1)
            int partEnd = next - 1;
            if (partEnd > partStart && body[partEnd - 1] == '\r') {
                partEnd--;
            }
            if (parts.size() == MAX_PARTS) {
                throw new ProtocolException(BAD_MULTIPART, "more than " + MAX_PARTS + " body parts");
            }
            parts.add(readPart(body, partStart, partEnd));
            if (kind == Kind.CLOSE) {
                return parts;
            }
            partStart = lineAfter(body, next + dash.length);
        }
    }

    private static BodyPart readPart(byte[] body, int from, int to) {
        HeaderBlock block = HeaderBlock.read(body, from, to, BAD_MULTIPART);
        MimeHeaders headers = MimeHeaders.parse(block.lines(), BAD_MULTIPART);
        // A part that ends right after its headers (or is empty) has no content: the grammar's
        // body-part := MIME-part-headers [CRLF *OCTET] makes both optional.
        byte[] content = new byte[to - block.next()];
        System.arraycopy(body, block.next(), content, 0, content.length);
        return new BodyPart(headers, content);
    }

    /** What the dash-boundary ending just before {@code pos} is: an opening, a close, or neither. */
    private static Kind classify(byte[] body, int pos) {
        Kind kind = Kind.OPEN;
        if (pos + 1 < body.length && body[pos] == '-' && body[pos + 1] == '-') {
            kind = Kind.CLOSE;
            pos += 2;
        }
        while (pos < body.length && (body[pos] == ' ' || body[pos] == '\t')) {
            pos++;
        }
        if (pos == body.length) {
            return kind == Kind.CLOSE ? Kind.CLOSE : Kind.NONE;
        }
        if (body[pos] == '\n' || (body[pos] == '\r' && pos + 1 < body.length && body[pos + 1] == '\n')) {
            return kind;
        }
        return Kind.NONE;
    }

    /** The offset of the line after the delimiter line that starts scanning at {@code pos}. */
    private static int lineAfter(byte[] body, int pos) {
        int lf = HeaderBlock.indexOf(body, (byte) '\n', pos, body.length);
        return lf < 0 ? body.length : lf + 1;
    }

    private static boolean containsDelimiter(byte[] content, byte[] delimiterWithLf) {
        // the part content follows a line break, so a delimiter at its very start counts too
        if (content.length >= delimiterWithLf.length - 1 && regionMatches(content, 0, delimiterWithLf, 1)) {
            return true;
        }
        return indexOf(content, delimiterWithLf, 0) >= 0;
    }

    private static boolean regionMatches(byte[] hay, int at, byte[] needle, int needleFrom) {
        int n = needle.length - needleFrom;
        if (at + n > hay.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (hay[at + k] != needle[needleFrom + k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        for (int i = Math.max(from, 0); i + needle.length <= hay.length; i++) {
            if (regionMatches(hay, i, needle, 0)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Multipart other && subtype.equals(other.subtype) && boundary.equals(other.boundary)
                && parts.equals(other.parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(subtype, boundary, parts);
    }

    @Override
    public String toString() {
        return "Multipart[" + contentType() + ", " + parts + "]";
    }
}
