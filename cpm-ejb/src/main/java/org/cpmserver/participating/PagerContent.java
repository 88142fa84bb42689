package org.cpmserver.participating;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.imdn.ImdnXml;
import org.cpmserver.protocol.iscomposing.IsComposingXml;
import org.cpmserver.protocol.mime.ContentType;

/**
 * What a pager body is, validated: plain text, a CPIM message (RFC 3862) carrying a user message
 * or a disposition notification (RFC 5438), a bare disposition notification, or an is-composing
 * indication (RFC 3994). A body that does not parse is refused with 400 naming the fault, an
 * unknown type with 415.
 *
 * <p>A bare {@code message/imdn+xml} body is what liblinphone (linphone 5.1) sends for its
 * automatic delivery reports, without the CPIM wrapper RFC 5438 §7.1.1 asks for. It is read
 * exactly like a wrapped one, so the sender hears that its message arrived.
 */
public final class PagerContent {

    /** The body types a pager MESSAGE may carry (the {@code Accept} of MESSAGE). */
    public static final Set<String> SUPPORTED_TYPES = Set.of("message/cpim", "text/plain", "application/im-iscomposing+xml",
            "message/imdn+xml");

    private static final String CPIM = "message/cpim";
    private static final String IMDN = "message/imdn+xml";
    private static final String IS_COMPOSING = "application/im-iscomposing+xml";

    private final String userContentType;
    private final ImdnMessageId imdnMessageId;
    private final DispositionReport report;

    private PagerContent(String userContentType, ImdnMessageId imdnMessageId, DispositionReport report) {
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
                IsComposingXml.parse(body);
                return new PagerContent(media, null, null);
            case IMDN:
                return new PagerContent(media, null, report(body));
            default:
                throw new ProtocolException("Unsupported Media Type", media + " is not a pager body", 415);
        }
    }

    private static PagerContent cpim(CpimMessage cpim) {
        String inner = cpim.contentType().mediaType().toLowerCase(Locale.ROOT);
        ImdnMessageId messageId = cpim.imdnMessageId().map(ImdnMessageId::parse).orElse(null);
        if (IMDN.equals(inner)) {
            return new PagerContent(inner, messageId, report(cpim.body()));
        }
        if (IS_COMPOSING.equals(inner)) {
            IsComposingXml.parse(cpim.body());
        }
        return new PagerContent(inner, messageId, null);
    }

    private static DispositionReport report(byte[] xml) {
        Imdn imdn = ImdnXml.parse(xml);
        DispositionReport.Kind kind;
        switch (imdn.type()) {
            case DISPLAY:
                kind = DispositionReport.Kind.DISPLAY;
                break;
            case PROCESSING:
                kind = DispositionReport.Kind.PROCESSING;
                break;
            default:
                kind = DispositionReport.Kind.DELIVERY;
        }
        return new DispositionReport(imdn.messageId(), kind);
    }

    /** The media type of what the user sees ({@code type/subtype}, lower case). */
    public String userContentType() {
        return userContentType;
    }

    /** The CPIM {@code imdn.Message-ID}, if there is one. */
    public Optional<ImdnMessageId> imdnMessageId() {
        return Optional.ofNullable(imdnMessageId);
    }

    /** The disposition notification this body carries, if it is one. */
    public Optional<DispositionReport> report() {
        return Optional.ofNullable(report);
    }
}
