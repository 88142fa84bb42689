package org.cpmserver.protocol.imdn;

import java.time.OffsetDateTime;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.Rfc3339;
import org.cpmserver.protocol.mime.SecureXml;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * Reads and writes {@code message/imdn+xml} bodies (RFC 5438, namespace
 * {@value #NAMESPACE}).
 *
 * <p>Reading checks the RFC 5438 XML schema in substance: {@code <message-id>}, {@code <datetime>} and
 * exactly one notification are required; {@code <recipient-uri>}, {@code <original-recipient-uri>}
 * and {@code <subject>} are optional; none may repeat; the notification holds one
 * {@code <status>} with one status element valid for it. The order of the children is not
 * enforced (it carries no meaning and some clients reorder them). Elements from other namespaces
 * are skipped, as the schema's {@code ##other} extension points allow; unknown elements in the
 * IMDN namespace are refused, since the schema has no room for them. See {@link SecureXml} for the
 * XML hardening.
 *
 * <p>Writing produces the elements in schema order with stable layout ({@link XmlWriter}).
 */
public final class ImdnXml {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:imdn";

    private static final String BAD_IMDN = DispositionNotification.BAD_IMDN;

    private ImdnXml() {
    }

    /**
     * @throws ProtocolException ("Bad IMDN: ...") when the body is not a valid IMDN document
     */
    public static Imdn parse(byte[] body) {
        XMLStreamReader r = SecureXml.openRoot(body, BAD_IMDN);
        SecureXml.requireElement(r, NAMESPACE, "imdn", BAD_IMDN);
        ImdnMessageId messageId = null;
        OffsetDateTime dateTime = null;
        String recipient = null;
        String originalRecipient = null;
        String subject = null;
        Imdn.Type type = null;
        Imdn.Status status = null;
        while (SecureXml.nextChild(r, BAD_IMDN)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_IMDN);
                continue;
            }
            String name = r.getLocalName();
            switch (name) {
                case "message-id" -> {
                    once(messageId, name);
                    messageId = ImdnMessageId.parse(SecureXml.text(r, BAD_IMDN));
                }
                case "datetime" -> {
                    once(dateTime, name);
                    try {
                        dateTime = Rfc3339.parse(SecureXml.text(r, BAD_IMDN));
                    } catch (ProtocolException e) {
                        throw new ProtocolException(BAD_IMDN, "<datetime> " + e.detail(), e);
                    }
                }
                case "recipient-uri" -> {
                    once(recipient, name);
                    recipient = uri(SecureXml.text(r, BAD_IMDN), name);
                }
                case "original-recipient-uri" -> {
                    once(originalRecipient, name);
                    originalRecipient = uri(SecureXml.text(r, BAD_IMDN), name);
                }
                case "subject" -> {
                    once(subject, name);
                    subject = SecureXml.text(r, BAD_IMDN);
                }
                default -> {
                    Imdn.Type found = notificationType(name);
                    if (found == null) {
                        throw new ProtocolException(BAD_IMDN, "unexpected element " + SecureXml.describe(r));
                    }
                    if (type != null) {
                        throw new ProtocolException(BAD_IMDN, "more than one notification element");
                    }
                    type = found;
                    status = readNotification(r, found);
                }
            }
        }
        SecureXml.finish(r, BAD_IMDN);
        if (messageId == null) {
            throw new ProtocolException(BAD_IMDN, "missing <message-id>");
        }
        if (dateTime == null) {
            throw new ProtocolException(BAD_IMDN, "missing <datetime>");
        }
        if (type == null) {
            throw new ProtocolException(BAD_IMDN, "missing notification element");
        }
        Imdn imdn = Imdn.of(type, status, messageId, dateTime);
        if (recipient != null) {
            imdn = imdn.withRecipientUri(recipient);
        }
        if (originalRecipient != null) {
            imdn = imdn.withOriginalRecipientUri(originalRecipient);
        }
        return subject == null ? imdn : imdn.withSubject(subject);
    }

    /** The document, UTF-8, elements in schema order. */
    public static byte[] write(Imdn imdn) {
        XmlWriter w = new XmlWriter().start("imdn", "xmlns", NAMESPACE);
        w.textElement("message-id", imdn.messageId().value());
        w.textElement("datetime", Rfc3339.format(imdn.dateTime()));
        imdn.recipientUri().ifPresent(u -> w.textElement("recipient-uri", u));
        imdn.originalRecipientUri().ifPresent(u -> w.textElement("original-recipient-uri", u));
        imdn.subject().ifPresent(s -> w.textElement("subject", s));
        w.start(imdn.type().element()).start("status").emptyElement(imdn.status().element()).end().end();
        return w.end().toBytes();
    }

    private static Imdn.Status readNotification(XMLStreamReader r, Imdn.Type type) {
        Imdn.Status status = null;
        boolean sawStatus = false;
        while (SecureXml.nextChild(r, BAD_IMDN)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_IMDN);
                continue;
            }
            if (!"status".equals(r.getLocalName())) {
                throw new ProtocolException(BAD_IMDN,
                        "unexpected element " + SecureXml.describe(r) + " in <" + type.element() + ">");
            }
            if (sawStatus) {
                throw new ProtocolException(BAD_IMDN, "more than one <status>");
            }
            sawStatus = true;
            status = readStatus(r, type);
        }
        if (!sawStatus) {
            throw new ProtocolException(BAD_IMDN, "missing <status> in <" + type.element() + ">");
        }
        return status;
    }

    private static Imdn.Status readStatus(XMLStreamReader r, Imdn.Type type) {
        Imdn.Status status = null;
        while (SecureXml.nextChild(r, BAD_IMDN)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_IMDN);
                continue;
            }
            Imdn.Status found = null;
            for (Imdn.Status s : Imdn.Status.values()) {
                if (s.element().equals(r.getLocalName())) {
                    found = s;
                }
            }
            if (found == null || !found.allowedIn(type)) {
                throw new ProtocolException(BAD_IMDN,
                        "status " + SecureXml.describe(r) + " is not valid in <" + type.element() + ">");
            }
            if (status != null) {
                throw new ProtocolException(BAD_IMDN, "more than one status in <" + type.element() + ">");
            }
            status = found;
            SecureXml.skipElement(r, BAD_IMDN);
        }
        if (status == null) {
            throw new ProtocolException(BAD_IMDN, "empty <status> in <" + type.element() + ">");
        }
        return status;
    }

    private static Imdn.Type notificationType(String element) {
        for (Imdn.Type t : Imdn.Type.values()) {
            if (t.element().equals(element)) {
                return t;
            }
        }
        return null;
    }

    private static void once(Object seen, String element) {
        if (seen != null) {
            throw new ProtocolException(BAD_IMDN, "more than one <" + element + ">");
        }
    }

    private static String uri(String text, String element) {
        if (!Imdn.isUri(text)) {
            throw new ProtocolException(BAD_IMDN, "<" + element + "> is not an absolute URI: " + ProtocolException.quote(text));
        }
        return text;
    }
}
