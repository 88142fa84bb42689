package org.cpmserver.protocol.msrp;

import java.util.OptionalLong;
import org.cpmserver.protocol.ProtocolException;

/**
 * An MSRP Byte-Range header value (RFC 4975 §7.1.1): {@code start-end/total}, where the end and the
 * total may be {@code *} (unknown). Positions count from 1; a chunk of {@code n} bytes starting at
 * {@code s} ends at {@code s + n - 1}. The receiver reassembles chunked messages from these values,
 * so they are checked to be consistent.
 */
public final class ByteRange {

    private static final String BAD = MsrpMessage.BAD_MSRP;
    private static final int MAX_DIGITS = 18;

    private final long start;
    private final long end;
    private final long total;

    /**
     * @param end {@code -1} for {@code *}
     * @param total {@code -1} for {@code *}
     * @throws IllegalArgumentException when the values do not fit together
     */
    public ByteRange(long start, long end, long total) {
        if (start < 1 || end < -1 || total < -1 || (end >= 0 && end < start - 1) || (total >= 0 && end > total)
                || (total >= 0 && start > total + 1)) {
            throw new IllegalArgumentException("inconsistent byte range " + start + "-" + end + "/" + total);
        }
        this.start = start;
        this.end = end;
        this.total = total;
    }

    /**
     * @throws ProtocolException ("Bad MSRP: ...") when {@code value} is not a valid Byte-Range
     */
    public static ByteRange parse(String value) {
        int dash = value.indexOf('-');
        int slash = value.indexOf('/');
        if (dash < 0 || slash < dash) {
            throw new ProtocolException(BAD, "Byte-Range is not start-end/total: " + ProtocolException.quote(value));
        }
        long start = number(value.substring(0, dash), false, value);
        long end = number(value.substring(dash + 1, slash), true, value);
        long total = number(value.substring(slash + 1), true, value);
        try {
            return new ByteRange(start, end, total);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD, "inconsistent Byte-Range " + ProtocolException.quote(value));
        }
    }

    private static long number(String s, boolean starAllowed, String value) {
        if (starAllowed && s.equals("*")) {
            return -1;
        }
        if (s.isEmpty() || s.length() > MAX_DIGITS || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProtocolException(BAD, "Byte-Range is not start-end/total: " + ProtocolException.quote(value));
        }
        return Long.parseLong(s);
    }

    /** The position of the first byte of the chunk, from 1. */
    public long start() {
        return start;
    }

    /** The position of the last byte of the chunk, if known. */
    public OptionalLong end() {
        return end < 0 ? OptionalLong.empty() : OptionalLong.of(end);
    }

    /** The size of the whole message, if known. */
    public OptionalLong total() {
        return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRange r && start == r.start && end == r.end && total == r.total;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(start) * 31 * 31 + Long.hashCode(end) * 31 + Long.hashCode(total);
    }

    @Override
    public String toString() {
        return start + "-" + (end < 0 ? "*" : Long.toString(end)) + "/" + (total < 0 ? "*" : Long.toString(total));
    }
}
