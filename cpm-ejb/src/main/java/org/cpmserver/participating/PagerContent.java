package org.cpmserver.participating;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnXml;
import org.cpmserver.protocol.mime.ContentType;

/**
 * What a pager MESSAGE body is, validated: plain text, a CPIM message (RFC 3862) carrying a user
 * message or a disposition notification (RFC 5438), or an is-composing indication (RFC 3994).
 * A body that does not parse is refused with 400 naming the fault, an unknown type with 415.
 */
public final class PagerContent {

    /** The body types a pager MESSAGE may carry (the {@code Accept} of MESSAGE). */
    public static final Set<String> SUPPORTED_TYPES = Set.of("message/cpim", "text/plain", "application/im-iscomposing+xml");

    private static final String CPIM = "message/cpim";
    private static final String IMDN = "message/imdn+xml";
    private static final String IS_COMPOSING = "application/im-iscomposing+xml";

    /** A disposition notification inside the body. */
    public static final class Report {
        private final String originalMessageId;
        private final Imdn.Type type;

        Report(String originalMessageId, Imdn.Type type) {
            this.originalMessageId = originalMessageId;
            this.type = type;
        }

        /** The {@code imdn.Message-ID} of the message being reported on. */
        public String originalMessageId() {
            return originalMessageId;
        }

        /** Delivery and display notifications are collapsed to one per recipient; processing ones are not. */
        public boolean collapsible() {
            return type != Imdn.Type.PROCESSING;
        }

        /** The journal's claim kind (only for {@link #collapsible()} reports). */
        public JournalEntry.ReportClaim.Kind kind() {
            return type == Imdn.Type.DISPLAY ? JournalEntry.ReportClaim.Kind.DISPLAY : JournalEntry.ReportClaim.Kind.DELIVERY;
        }
    }

    private final String userContentType;
    private final String imdnMessageId;
    private final Report report;

    private PagerContent(String userContentType, String imdnMessageId, Report report) {
        this.userContentType = userContentType;
        this.imdnMessageId = imdnMessageId;
        this.report = report;
    }

    /**
     * @throws ProtocolException with the status to answer (400 malformed, 415 unsupported type)
     */
    public static PagerContent interpret(String contentType, byte[] body) {
        ContentType type;
        try {
            type = ContentType.parse(contentType);
        } catch (ProtocolException e) {
            throw new ProtocolException("Bad Content-Type", e.detail());
        }
        String media = type.mediaType().toLowerCase(Locale.ROOT);
        switch (media) {
            case CPIM:
                return cpim(CpimParser.parse(body));
            case "text/plain":
                return new PagerContent(media, null, null);
            case IS_COMPOSING:
                org.cpmserver.protocol.iscomposing.IsComposingXml.parse(body);
                return new PagerContent(media, null, null);
            default:
                throw new ProtocolException("Unsupported Media Type", media + " is not a pager body (use "
                        + String.join(", ", SUPPORTED_TYPES) + ")", 415);
        }
    }

    private static PagerContent cpim(CpimMessage cpim) {
        String inner = cpim.contentType().mediaType().toLowerCase(Locale.ROOT);
        String messageId = cpim.imdnMessageId().orElse(null);
        if (IMDN.equals(inner)) {
            Imdn imdn = ImdnXml.parse(cpim.body());
            return new PagerContent(inner, messageId, new Report(imdn.messageId().value(), imdn.type()));
        }
        if (IS_COMPOSING.equals(inner)) {
            org.cpmserver.protocol.iscomposing.IsComposingXml.parse(cpim.body());
        }
        return new PagerContent(inner, messageId, null);
    }

    /** The media type of what the user sees ({@code type/subtype}, lower case). */
    public String userContentType() {
        return userContentType;
    }

    /** The CPIM {@code imdn.Message-ID}, or null. */
    public String imdnMessageId() {
        return imdnMessageId;
    }

    /** The disposition notification this body carries, if it is one. */
    public Optional<Report> report() {
        return Optional.ofNullable(report);
    }
}
