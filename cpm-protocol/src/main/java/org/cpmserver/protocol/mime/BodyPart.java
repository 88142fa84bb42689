package org.cpmserver.protocol.mime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;

/**
 * One part of a multipart body (RFC 2046 §5.1): its MIME headers and its raw content.
 *
 * <p>The content is kept as bytes because a part may be binary (RFC 2046 §5.1.1 leaves the part
 * octets opaque; SIP is 8-bit clean, so no Content-Transfer-Encoding is undone here).
 */
public final class BodyPart {

    private final MimeHeaders headers;
    private final byte[] body;

    BodyPart(MimeHeaders headers, byte[] body) {
        this.headers = headers;
        this.body = body;
    }

    public static BodyPart of(MimeHeaders headers, byte[] body) {
        return new BodyPart(headers, body.clone());
    }

    /** A part with just a Content-Type header. */
    public static BodyPart of(ContentType contentType, byte[] body) {
        return of(MimeHeaders.empty().with("Content-Type", contentType.toString()), body);
    }

    /** A part with Content-Type and Content-Disposition headers. */
    public static BodyPart of(ContentType contentType, ContentDisposition disposition, byte[] body) {
        return of(MimeHeaders.empty().with("Content-Type", contentType.toString())
                .with("Content-Disposition", disposition.toString()), body);
    }

    public MimeHeaders headers() {
        return headers;
    }

    /** A copy of the content. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /** The content decoded as UTF-8 (convenience for text parts and tests). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The part's Content-Type, if it has one. RFC 2045 §5.2 defaults a missing one to
     * {@code text/plain; charset=us-ascii}; callers decide whether that default is acceptable.
     *
     * @throws ProtocolException when the header is repeated or malformed
     */
    public Optional<ContentType> contentType() {
        return headers.single("Content-Type", Multipart.BAD_MULTIPART).map(v -> {
            try {
                return ContentType.parse(v);
            } catch (ProtocolException e) {
                throw e.in(Multipart.BAD_MULTIPART);
            }
        });
    }

    /**
     * The part's Content-Disposition, if it has one.
     *
     * @throws ProtocolException when the header is repeated or malformed
     */
    public Optional<ContentDisposition> contentDisposition() {
        return headers.single("Content-Disposition", Multipart.BAD_MULTIPART).map(v -> {
            try {
                return ContentDisposition.parse(v);
            } catch (ProtocolException e) {
                throw e.in(Multipart.BAD_MULTIPART);
            }
        });
    }

    byte[] rawBody() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyPart other && headers.equals(other.headers) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "BodyPart" + headers.fields() + "(" + body.length + " bytes)";
    }
}
