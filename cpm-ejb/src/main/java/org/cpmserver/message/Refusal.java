package org.cpmserver.message;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Why a function did not take a message (or a request), in the domain's words: the SIP adapter
 * turns it into a status and reason phrase, the REST adapter into an RFC 7807 problem. The
 * {@link Reason#key()} names it in metrics and logs.
 *
 * @param reason the kind of refusal
 * @param detail a human-readable sentence for the other side, never quoting unchecked input
 * @param accepted for {@link Reason#CONTENT_NOT_ACCEPTED}: the media types that would be taken
 */
public record Refusal(Reason reason, String detail, Set<String> accepted) {

    /** The kinds of refusal. */
    public enum Reason {
        /** The recipient's domain is not served here. */
        DOMAIN_NOT_SERVED,
        /** No such user. */
        NO_SUCH_USER,
        /** The recipient blocks the sender. */
        BLOCKED,
        /** The recipient (or the service) does not take this media type. */
        CONTENT_NOT_ACCEPTED,
        /** Larger than the recipient (or the service) takes. */
        TOO_LARGE,
        /** No device of the recipient offers the service the sender requires. */
        NO_CAPABLE_DEVICE,
        /** The recipient cannot take it now and it cannot be kept for later (store full). */
        RECIPIENT_UNAVAILABLE,
        /** No listed recipient of a one-to-many message could take it. */
        NO_RECIPIENT_AVAILABLE,
        /** Every device of the recipient refused it as not acceptable (SIP 488/606). */
        NOT_ACCEPTABLE,
        /** Every device of the recipient declined it (SIP 603). */
        DECLINED,
        /** Every device of the recipient refused it for a reason of its own. */
        DEVICE_REFUSED,
        /** The message could not be recorded durably, so it is not confirmed. */
        NOT_RECORDED;

        /** The metric and log key: lower case, words joined by '-'. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Refusal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        accepted = accepted == null ? Set.of() : Set.copyOf(accepted);
    }

    public static Refusal of(Reason reason, String detail) {
        return new Refusal(reason, detail, Set.of());
    }
}
