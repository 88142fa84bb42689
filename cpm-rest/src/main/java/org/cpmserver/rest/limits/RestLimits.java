package org.cpmserver.rest.limits;

import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import org.cpmserver.rest.problem.Problem;
import org.cpmserver.subscriber.SubscriberDirectory;

/**
 * Every size limit of the REST API (docs/api.md, "Bounded input", lists the same numbers). A
 * field is bounded by the column that stores it, so the database never truncates or refuses what
 * the API accepted; a body is bounded by what its largest valid document can need, so a client
 * cannot make the server hold more than that in memory.
 */
public final class RestLimits {

    /** {@code subscriber.uri} and every other address column are 255 characters. */
    public static final int URI_CHARS = 255;
    /** Only its digest HA1 values are stored; the bound keeps hashing and the request small. */
    public static final int PASSWORD_CHARS = 128;
    public static final int DISPLAY_NAME_CHARS = SubscriberDirectory.MAX_DISPLAY_NAME;

    /** 50 addresses of 255 characters, newline-joined, fit {@code preferences.blocked_senders} (16,000). */
    public static final int BLOCKED_SENDERS = 50;
    /** RFC 6838 §4.2 allows 127 characters for each of type and subtype; 127 in all is plenty in practice. */
    public static final int CONTENT_TYPE_CHARS = 127;
    /** 15 types of 127 characters, comma-joined, fit {@code preferences.allowed_content_types} (2,000). */
    public static final int CONTENT_TYPES = 15;

    public static final int USERS_PAGE = 500;
    public static final int DEFERRED_PAGE = 100;
    /** The most events one page of the event feed holds. */
    public static final int EVENTS_PAGE = 1000;
    /** Ids one {@code DELETE /deferred/v1/{user}/messages?ids=} may name. */
    public static final int DEFERRED_IDS = 100;

    /**
     * {@code POST /admin/v1/users}: three fields at their limits, each character written as a
     * six-byte JSON escape, stay under 4 KiB; the rest is room for whitespace.
     */
    public static final int USER_BODY_BYTES = 16 * 1024;
    /** {@code PUT .../preferences}: 50 addresses and 15 types at their limits, each character escaped, need 88 KiB. */
    public static final int PREFERENCES_BODY_BYTES = 96 * 1024;
    /** Every other request takes no body; one that comes anyway is refused past this size. */
    public static final int OTHER_BODY_BYTES = 4 * 1024;

    private RestLimits() {
    }

    /**
     * The fault of a string field longer than {@code max} characters, naming the field and the
     * limit; empty when it is within (or absent: whether a field is required is the caller's rule).
     */
    public static Optional<String> lengthFault(String field, String value, int max) {
        return value != null && value.length() > max
                ? Optional.of(field + ": at most " + max + " characters (this one has " + value.length() + ")")
                : Optional.empty();
    }

    /** The fault of a list with more than {@code max} entries; empty when it is within or absent. */
    public static Optional<String> sizeFault(String field, Collection<?> values, int max) {
        return values != null && values.size() > max
                ? Optional.of(field + ": at most " + max + " entries (this one has " + values.size() + ")")
                : Optional.empty();
    }

    /**
     * A query parameter's whole number in {@code [min, max]}, or empty. JAX-RS would turn a
     * non-number bound to an {@code int} parameter into 404, which hides the mistake.
     */
    public static OptionalInt wholeNumber(String text, int min, int max) {
        if (text == null || text.length() > 11) {
            return OptionalInt.empty();
        }
        try {
            int v = Integer.parseInt(text.trim());
            return v >= min && v <= max ? OptionalInt.of(v) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@link #lengthFault} as a 400 problem. */
    public static String requireLength(String field, String value, int max) {
        lengthFault(field, value, max).ifPresent(fault -> {
            throw Problem.badRequest(fault);
        });
        return value;
    }

    /** {@link #sizeFault} as a 400 problem. */
    public static <C extends Collection<?>> C requireSize(String field, C values, int max) {
        sizeFault(field, values, max).ifPresent(fault -> {
            throw Problem.badRequest(fault);
        });
        return values;
    }

    /** A position in a sequence (0 up to {@link Long#MAX_VALUE}), or a 400 problem naming the parameter. */
    public static long requirePosition(String name, String text) {
        if (text != null && text.length() <= 19 && text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                // beyond Long.MAX_VALUE: the same answer as any other bad value
            }
        }
        throw Problem.badRequest(name + " must be a whole number from 0 to " + Long.MAX_VALUE);
    }

    /** {@link #wholeNumber} as a 400 problem naming the parameter and its range. */
    public static int requireNumber(String name, String text, int min, int max) {
        return wholeNumber(text, min, max).orElseThrow(
                () -> Problem.badRequest(name + " must be a whole number from " + min + " to " + max));
    }
}
