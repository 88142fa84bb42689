package org.cpmserver.rest.limits;

import java.io.IOException;
import java.io.InputStream;

/** Reading a request body without ever holding more of it than its limit. */
final class BoundedBody {

    /** The body has more bytes than its limit. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false); // an answer, not a fault: no stack trace
        }
    }

    private BoundedBody() {
    }

    /**
     * Whether a {@code Content-Length} says the body is over the limit. A value that is not a
     * number is the container's to refuse; a number too long for a {@code long} is over any limit.
     */
    static boolean declaredOver(String contentLength, int limit) {
        if (contentLength == null) {
            return false;
        }
        String digits = contentLength.trim();
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        try {
            return Long.parseLong(digits) > limit;
        } catch (NumberFormatException tooLong) {
            return true;
        }
    }

    /**
     * The whole body when it has at most {@code limit} bytes. Reads at most one byte more than
     * the limit, so a chunked body that never declared its size is cut off there.
     */
    static byte[] read(InputStream in, int limit) throws IOException, TooLarge {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw new TooLarge();
        }
        return body;
    }
}
