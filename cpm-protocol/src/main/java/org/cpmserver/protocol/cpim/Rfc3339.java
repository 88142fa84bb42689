package org.cpmserver.protocol.cpim;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cpmserver.protocol.ProtocolException;

/**
 * The Internet date-time of RFC 3339 §5.6, as used by CPIM DateTime (RFC 3862), the IMDN
 * {@code <datetime>} (RFC 5438) and isComposing {@code <lastactive>} (RFC 3994).
 *
 * <p>{@code java.time}'s ISO parsers accept more than RFC 3339 (offsets with seconds, no offset at
 * all, years beyond four digits) and less (a leap second, lower-case {@code t} and {@code z}), so
 * the grammar is checked here by hand. Reading accepts exactly {@code date-time}: four-digit year,
 * {@code T} or {@code t}, optional fraction of 1 to 9 digits, {@code Z}/{@code z} or {@code ±hh:mm}.
 * A leap second ({@code :60}) is read as {@code :59}, as {@code DateTimeFormatter.ISO_INSTANT} does;
 * {@code -00:00} ("offset unknown", §4.3) is read as UTC.
 *
 * <p>Writing is canonical: upper-case {@code T}, {@code Z} for UTC, fraction only when non-zero and
 * then in groups of three digits, offsets with seconds converted to UTC.
 */
public final class Rfc3339 {

    private Rfc3339() {
    }

    /**
     * Reads an RFC 3339 date-time.
     *
     * @throws ProtocolException (component "Bad date-time", detail starting with "is not") when
     *     {@code text} is not one
     */
    public static OffsetDateTime parse(String text) {
        try {
            return read(text);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new ProtocolException("Bad date-time", "is not an RFC 3339 date-time: " + ProtocolException.quote(text), e);
        }
    }

    private static OffsetDateTime read(String s) {
        // yyyy-mm-ddThh:mm:ss = 19 characters, then [.frac] then offset
        if (s.length() < 20) {
            throw new IllegalArgumentException("too short");
        }
        int year = digits(s, 0, 4);
        expect(s, 4, '-');
        int month = digits(s, 5, 2);
        expect(s, 7, '-');
        int day = digits(s, 8, 2);
        char t = s.charAt(10);
        if (t != 'T' && t != 't') {
            throw new IllegalArgumentException("no T");
        }
        int hour = digits(s, 11, 2);
        expect(s, 13, ':');
        int minute = digits(s, 14, 2);
        expect(s, 16, ':');
        int second = digits(s, 17, 2);
        int pos = 19;
        int nanos = 0;
        if (s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            int n = pos - start;
            if (n == 0 || n > 9) {
                throw new IllegalArgumentException("fraction must have 1 to 9 digits");
            }
            nanos = digits(s, start, n);
            for (int i = n; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (pos >= s.length()) {
            throw new IllegalArgumentException("no offset");
        }
        ZoneOffset offset;
        char z = s.charAt(pos);
        if (z == 'Z' || z == 'z') {
            offset = ZoneOffset.UTC;
            pos++;
        } else if (z == '+' || z == '-') {
            if (pos + 6 != s.length()) {
                throw new IllegalArgumentException("bad offset");
            }
            int oh = digits(s, pos + 1, 2);
            expect(s, pos + 3, ':');
            int om = digits(s, pos + 4, 2);
            if (oh > 23 || om > 59) {
                throw new IllegalArgumentException("offset out of range");
            }
            int total = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
            offset = ZoneOffset.ofTotalSeconds(total);
            pos += 6;
        } else {
            throw new IllegalArgumentException("bad offset");
        }
        if (pos != s.length()) {
            throw new IllegalArgumentException("trailing text");
        }
        if (second == 60) {
            second = 59; // leap second, see class comment
        }
        return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
    }

    /**
     * Writes {@code value} in the canonical RFC 3339 form described above.
     *
     * @throws IllegalArgumentException when the year is outside 0000-9999
     */
    public static String format(OffsetDateTime value) {
        OffsetDateTime v = value.getOffset().getTotalSeconds() % 60 == 0
                ? value
                : value.withOffsetSameInstant(ZoneOffset.UTC);
        if (v.getYear() < 0 || v.getYear() > 9999) {
            throw new IllegalArgumentException("RFC 3339 years have four digits: " + v.getYear());
        }
        StringBuilder out = new StringBuilder(29);
        pad(out, v.getYear(), 4).append('-');
        pad(out, v.getMonthValue(), 2).append('-');
        pad(out, v.getDayOfMonth(), 2).append('T');
        pad(out, v.getHour(), 2).append(':');
        pad(out, v.getMinute(), 2).append(':');
        pad(out, v.getSecond(), 2);
        int nanos = v.getNano();
        if (nanos != 0) {
            out.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(out, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(out, nanos / 1_000, 6);
            } else {
                pad(out, nanos, 9);
            }
        }
        int offset = v.getOffset().getTotalSeconds();
        if (offset == 0) {
            out.append('Z');
        } else {
            out.append(offset < 0 ? '-' : '+');
            int abs = Math.abs(offset);
            pad(out, abs / 3600, 2).append(':');
            pad(out, abs / 60 % 60, 2);
        }
        return out.toString();
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(s);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String s, int from, int count) {
        if (from + count > s.length()) {
            throw new IllegalArgumentException("too short");
        }
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw new IllegalArgumentException("digit expected");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String s, int at, char c) {
        if (s.charAt(at) != c) {
            throw new IllegalArgumentException("'" + c + "' expected");
        }
    }
}
