package org.cpmserver.delivery;

import java.util.Objects;
import org.cpmserver.message.Refusal;

/**
 * How one device answered one message, in the domain's words: it took it; it could not be
 * reached now (so the message may be kept for later); or it refused it for a reason that is the
 * sender's business.
 *
 * @param kind the verdict
 * @param refusal why, for {@link Kind#REFUSED}
 * @param protocolStatus what the device's protocol answered (a SIP status), recorded as is for
 *     operators; functions never decide on it
 * @param detail the device's own words (a reason phrase), or a note of the server's
 */
public record DeviceAnswer(Kind kind, Refusal refusal, int protocolStatus, String detail) {

    /** The verdicts. */
    public enum Kind { ACCEPTED, UNREACHABLE, REFUSED }

    public DeviceAnswer {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.REFUSED) {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    public static DeviceAnswer accepted(int protocolStatus) {
        return new DeviceAnswer(Kind.ACCEPTED, null, protocolStatus, null);
    }

    public static DeviceAnswer unreachable(int protocolStatus, String detail) {
        return new DeviceAnswer(Kind.UNREACHABLE, null, protocolStatus, detail);
    }

    public static DeviceAnswer refused(Refusal refusal, int protocolStatus) {
        return new DeviceAnswer(Kind.REFUSED, refusal, protocolStatus, refusal.detail());
    }

    public boolean accepted() {
        return kind == Kind.ACCEPTED;
    }
}
