package org.cpmserver.protocol.mime;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.cpmserver.protocol.ProtocolException;

/**
 * Decodes a body sent with {@code Content-Encoding} (RFC 3261 §20.12, with the HTTP codings of
 * RFC 9110 §8.4.1): {@code gzip}, {@code deflate} and {@code identity}. liblinphone, for one, sends
 * its disposition notifications deflated.
 *
 * <p>{@code deflate} is meant to be the zlib format (RFC 1950), but some senders put raw deflate
 * data (RFC 1951) under that name, as with HTTP; both are read. Decoding stops at a limit on the
 * decoded size, so a small compressed body cannot expand into a large one in memory.
 */
public final class ContentEncoding {

    /** The codings this decoder reads, for {@code Accept-Encoding}. */
    public static final String ACCEPTED = "gzip, deflate, identity";

    /** The status for a coding we cannot read (RFC 3261 §21.4.13). */
    public static final int UNSUPPORTED = 415;
    /** The status for a body whose decoded size passes the limit (RFC 3261 §21.4.11). */
    public static final int TOO_LARGE = 413;

    private ContentEncoding() {
    }

    /**
     * The codings named in a {@code Content-Encoding} header value, in the order they were
     * applied; empty for none or {@code identity} only.
     *
     * @throws ProtocolException 415 for a coding this decoder does not read
     */
    public static List<String> codings(String headerValue) {
        if (headerValue == null || headerValue.isBlank()) {
            return List.of();
        }
        List<String> codings = new ArrayList<>();
        for (String token : headerValue.split(",")) {
            String coding = token.trim().toLowerCase(Locale.ROOT);
            switch (coding) {
                case "":
                case "identity":
                    break;
                case "gzip":
                case "x-gzip":
                case "deflate":
                    codings.add(coding);
                    break;
                default:
                    throw new ProtocolException("Unsupported Media Type", "Content-Encoding " + coding
                            + " is not supported (use " + ACCEPTED + ")", UNSUPPORTED);
            }
        }
        return Collections.unmodifiableList(codings);
    }

    /**
     * The body with every coding of {@code headerValue} undone, last applied first.
     *
     * @param maxDecodedSize the most bytes the decoded body may have
     * @throws ProtocolException 415 for an unknown coding, 413 past the size limit, 400 for data
     *     that is not in the coding it claims
     */
    public static byte[] decode(String headerValue, byte[] body, int maxDecodedSize) {
        List<String> codings = codings(headerValue);
        byte[] decoded = body;
        for (int i = codings.size() - 1; i >= 0; i--) {
            decoded = decodeOne(codings.get(i), decoded, maxDecodedSize);
        }
        return decoded;
    }

    private static byte[] decodeOne(String coding, byte[] body, int maxDecodedSize) {
        if (coding.equals("deflate")) {
            try {
                return inflate(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(false)), maxDecodedSize);
            } catch (IOException zlibFailed) {
                try {
                    // raw deflate without the zlib header: what some senders call "deflate"
                    return inflate(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), maxDecodedSize);
                } catch (IOException e) {
                    throw new ProtocolException("Bad Content-Encoding", "body is not deflate data", e);
                }
            }
        }
        try {
            return inflate(new GZIPInputStream(new ByteArrayInputStream(body)), maxDecodedSize);
        } catch (IOException e) {
            throw new ProtocolException("Bad Content-Encoding", "body is not gzip data", e);
        }
    }

    private static byte[] inflate(InputStream in, int maxDecodedSize) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxDecodedSize, 4096));
            byte[] buffer = new byte[4096];
            int total = 0;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > maxDecodedSize) {
                    throw new ProtocolException("Request Entity Too Large", "decoded body over " + maxDecodedSize + " bytes",
                            TOO_LARGE);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
