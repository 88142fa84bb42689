package org.cpmserver.sip;

import java.util.Set;
import javax.servlet.sip.SipServletResponse;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.message.Refusal;

/**
 * The one translation between SIP statuses and the functions' neutral words: a device's final
 * response becomes a {@link DeviceAnswer}, a {@link Refusal} becomes the status and reason phrase
 * the sender gets (RFC 3261 §21; the detail after the standard phrase says why).
 */
final class SipStatuses {

    private SipStatuses() {
    }

    /**
     * How a device answered. A verdict on the content (415, 413, 488/606, 603) or a plain refusal
     * (403, other 6xx) is the sender's business; anything else (no answer, a challenge, busy,
     * unavailable, gone) says the device cannot take it now, so the message may be kept.
     */
    static DeviceAnswer answer(int status, String phrase) {
        if (status >= 200 && status < 300) {
            return DeviceAnswer.accepted(status);
        }
        String detail = phrase == null || phrase.isBlank() ? "device answered " + status : phrase;
        switch (status) {
            case SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE:
                return DeviceAnswer.refused(Refusal.of(Refusal.Reason.CONTENT_NOT_ACCEPTED, detail), status);
            case SipServletResponse.SC_REQUEST_ENTITY_TOO_LARGE:
                return DeviceAnswer.refused(Refusal.of(Refusal.Reason.TOO_LARGE, detail), status);
            case SipServletResponse.SC_NOT_ACCEPTABLE_HERE:
            case SipServletResponse.SC_NOT_ACCEPTABLE_ANYWHERE:
                return DeviceAnswer.refused(Refusal.of(Refusal.Reason.NOT_ACCEPTABLE, detail), status);
            case SipServletResponse.SC_DECLINE:
                return DeviceAnswer.refused(Refusal.of(Refusal.Reason.DECLINED, detail), status);
            case SipServletResponse.SC_FORBIDDEN:
                return DeviceAnswer.refused(Refusal.of(Refusal.Reason.DEVICE_REFUSED, detail), status);
            default:
                return status >= 600 ? DeviceAnswer.refused(Refusal.of(Refusal.Reason.DEVICE_REFUSED, detail), status)
                        : DeviceAnswer.unreachable(status, detail);
        }
    }

    /** The status a refusal is answered with. */
    static int status(Refusal refusal) {
        switch (refusal.reason()) {
            case DOMAIN_NOT_SERVED:
            case NO_SUCH_USER:
                return SipServletResponse.SC_NOT_FOUND;
            case BLOCKED:
            case DEVICE_REFUSED:
                return SipServletResponse.SC_FORBIDDEN;
            case CONTENT_NOT_ACCEPTED:
                return SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
            case TOO_LARGE:
                return SipServletResponse.SC_REQUEST_ENTITY_TOO_LARGE;
            case NOT_ACCEPTABLE:
                return SipServletResponse.SC_NOT_ACCEPTABLE_HERE;
            case DECLINED:
                return SipServletResponse.SC_DECLINE;
            case NOT_RECORDED:
                return SipServletResponse.SC_SERVICE_UNAVAILABLE;
            default: // NO_CAPABLE_DEVICE, RECIPIENT_UNAVAILABLE, NO_RECIPIENT_AVAILABLE
                return SipServletResponse.SC_TEMPORARILY_UNAVAILABLE;
        }
    }

    /** The response to a request refused for {@code refusal}; a 415 lists what is accepted. */
    static SipServletResponse response(javax.servlet.sip.SipServletRequest request, Refusal refusal, Set<String> defaultAccept) {
        int status = status(refusal);
        SipServletResponse response = request.createResponse(status, standardPhrase(status) + ": " + refusal.detail());
        if (status == SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE) {
            Set<String> accept = refusal.accepted().isEmpty() ? defaultAccept : refusal.accepted();
            response.setHeader("Accept", String.join(", ", new java.util.TreeSet<>(accept)));
        }
        return response;
    }

    static String standardPhrase(int status) {
        switch (status) {
            case SipServletResponse.SC_NOT_FOUND: return "Not Found";
            case SipServletResponse.SC_FORBIDDEN: return "Forbidden";
            case SipServletResponse.SC_UNSUPPORTED_MEDIA_TYPE: return "Unsupported Media Type";
            case SipServletResponse.SC_REQUEST_ENTITY_TOO_LARGE: return "Request Entity Too Large";
            case SipServletResponse.SC_NOT_ACCEPTABLE_HERE: return "Not Acceptable Here";
            case SipServletResponse.SC_DECLINE: return "Decline";
            case SipServletResponse.SC_SERVICE_UNAVAILABLE: return "Service Unavailable";
            case SipServletResponse.SC_TEMPORARILY_UNAVAILABLE: return "Temporarily Unavailable";
            default: return "Error";
        }
    }
}
