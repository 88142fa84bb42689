package org.cpmserver.protocol.iscomposing;

import java.time.OffsetDateTime;
import java.util.Locale;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.Rfc3339;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.SecureXml;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * Reads and writes {@code application/im-iscomposing+xml} (RFC 3994, namespace
 * {@value #NAMESPACE}).
 *
 * <p>Reading requires {@code <state>} with {@code active} or {@code idle} (case is ignored); the
 * optional {@code <lastactive>} must be an RFC 3339 date-time, {@code <contenttype>} a media type,
 * {@code <refresh>} a positive integer of seconds (at most {@value #MAX_REFRESH}, a day: larger
 * values are nonsense and would overflow timers). No element may repeat; their order is not
 * enforced. Elements from other namespaces are ignored (the schema's {@code ##other}
 * extension point); unknown elements in the isComposing namespace are refused.
 */
public final class IsComposingXml {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:im-iscomposing";
    public static final int MAX_REFRESH = 86_400;

    private static final String BAD = "Bad isComposing";

    private IsComposingXml() {
    }

    /**
     * @throws ProtocolException ("Bad isComposing: ...") when the body is not a valid document
     */
    public static IsComposing parse(byte[] body) {
        XMLStreamReader r = SecureXml.openRoot(body, BAD);
        SecureXml.requireElement(r, NAMESPACE, "isComposing", BAD);
        String state = null;
        String lastActive = null;
        String contentType = null;
        String refresh = null;
        while (SecureXml.nextChild(r, BAD)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD);
                continue;
            }
            String name = r.getLocalName();
            switch (name) {
                case "state" -> state = once(state, r, name);
                case "lastactive" -> lastActive = once(lastActive, r, name);
                case "contenttype" -> contentType = once(contentType, r, name);
                case "refresh" -> refresh = once(refresh, r, name);
                default -> throw new ProtocolException(BAD, "unexpected element " + SecureXml.describe(r));
            }
        }
        SecureXml.finish(r, BAD);
        if (state == null) {
            throw new ProtocolException(BAD, "missing <state>");
        }
        IsComposing result = switch (state.toLowerCase(Locale.ROOT)) {
            case "active" -> IsComposing.active();
            case "idle" -> IsComposing.idle();
            default -> throw new ProtocolException(BAD, "<state> must be active or idle, not " + ProtocolException.quote(state));
        };
        if (lastActive != null) {
            OffsetDateTime when;
            try {
                when = Rfc3339.parse(lastActive);
            } catch (ProtocolException e) {
                throw new ProtocolException(BAD, "<lastactive> " + e.detail(), e);
            }
            result = result.withLastActive(when);
        }
        if (contentType != null) {
            try {
                result = result.withContentType(ContentType.parse(contentType));
            } catch (ProtocolException e) {
                throw e.in(BAD);
            }
        }
        if (refresh != null) {
            result = result.withRefresh(refreshSeconds(refresh));
        }
        return result;
    }

    /** The document, UTF-8, elements in schema order. */
    public static byte[] write(IsComposing indication) {
        XmlWriter w = new XmlWriter().start("isComposing", "xmlns", NAMESPACE);
        w.textElement("state", indication.state().value());
        indication.lastActive().ifPresent(t -> w.textElement("lastactive", Rfc3339.format(t)));
        indication.contentType().ifPresent(t -> w.textElement("contenttype", t.toString()));
        indication.refresh().ifPresent(s -> w.textElement("refresh", Integer.toString(s)));
        return w.end().toBytes();
    }

    private static String once(String seen, XMLStreamReader r, String name) {
        if (seen != null) {
            throw new ProtocolException(BAD, "more than one <" + name + ">");
        }
        return SecureXml.text(r, BAD);
    }

    private static int refreshSeconds(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 9;
        for (int i = 0; digits && i < text.length(); i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        int value = digits ? Integer.parseInt(text) : -1;
        if (value < 1 || value > MAX_REFRESH) {
            throw new ProtocolException(BAD, "<refresh> must be 1 to " + MAX_REFRESH + " seconds, not "
                    + ProtocolException.quote(text));
        }
        return value;
    }
}
