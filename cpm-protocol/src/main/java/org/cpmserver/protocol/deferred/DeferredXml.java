package org.cpmserver.protocol.deferred;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpim.Rfc3339;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.SecureXml;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * Reads and writes the two bodies of pull-mode deferred messaging, both in namespace
 * {@value #NAMESPACE}:
 *
 * <pre>{@code
 * <deferred-list xmlns="urn:cpmserver:params:xml:ns:deferred" user="sip:bob@example.com" total="2">
 *   <message id="5b0c...">
 *     <message-id>Xs7Ap2n0ZfYwq1bQe3Lm</message-id>     (optional)
 *     <sender>sip:alice@example.com</sender>
 *     <stored>2026-11-24T10:00:00.000Z</stored>
 *     <size>312</size>
 *     <content-type>message/cpim</content-type>
 *   </message>
 * </deferred-list>
 *
 * <retrieve xmlns="urn:cpmserver:params:xml:ns:deferred">
 *   <message id="5b0c..."/>
 * </retrieve>
 * }</pre>
 *
 * The OMA CPM architecture asks for the pull notification and retrieval but leaves their format to
 * the stage-3 specifications, which this server does not implement, so the format is this
 * server's own, under a vendor media type ({@value #LIST_TYPE}, {@value #RETRIEVE_TYPE}).
 *
 * <p>Reading is strict about the elements it defines (each once, the right content, no unknown
 * element of this namespace) and skips elements of other namespaces, so the format can grow; the
 * order of children is not enforced. See {@link SecureXml} for the XML hardening.
 */
public final class DeferredXml {

    public static final String NAMESPACE = "urn:cpmserver:params:xml:ns:deferred";
    public static final String LIST_TYPE = "application/vnd.cpmserver.deferred-list+xml";
    public static final String RETRIEVE_TYPE = "application/vnd.cpmserver.deferred-retrieve+xml";

    private static final String BAD_LIST = "Bad deferred list";
    private static final String BAD_RETRIEVE = "Bad retrieval request";

    private DeferredXml() {
    }

    /** The list document, UTF-8, in the element order shown above. */
    public static byte[] writeList(DeferredList list) {
        XmlWriter w = new XmlWriter().start("deferred-list", "xmlns", NAMESPACE, "user", list.user(),
                "total", Long.toString(list.total()));
        for (DeferredList.Entry e : list.entries()) {
            w.start("message", "id", e.id());
            e.messageId().ifPresent(m -> w.textElement("message-id", m.value()));
            w.textElement("sender", e.sender());
            w.textElement("stored", Rfc3339.format(e.stored()));
            w.textElement("size", Long.toString(e.size()));
            w.textElement("content-type", e.contentType().toString());
            w.end();
        }
        return w.end().toBytes();
    }

    /**
     * @throws ProtocolException ("Bad deferred list: ...") when the body is not a valid list
     */
    public static DeferredList parseList(byte[] body) {
        XMLStreamReader r = SecureXml.openRoot(body, BAD_LIST);
        SecureXml.requireElement(r, NAMESPACE, "deferred-list", BAD_LIST);
        String user = SecureXml.attribute(r, null, "user", BAD_LIST);
        if (user == null || !DeferredList.isUri(user)) {
            throw new ProtocolException(BAD_LIST, "user must be an absolute URI");
        }
        String totalText = SecureXml.attribute(r, null, "total", BAD_LIST);
        if (totalText == null) {
            throw new ProtocolException(BAD_LIST, "missing total");
        }
        long total = number(totalText, "total", BAD_LIST);
        List<DeferredList.Entry> entries = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD_LIST)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_LIST);
                continue;
            }
            if (!"message".equals(r.getLocalName())) {
                throw new ProtocolException(BAD_LIST, "unexpected element " + SecureXml.describe(r));
            }
            if (entries.size() == DeferredList.MAX_ENTRIES) {
                throw new ProtocolException(BAD_LIST, "more than " + DeferredList.MAX_ENTRIES + " messages");
            }
            entries.add(entry(r));
        }
        SecureXml.finish(r, BAD_LIST);
        try {
            return new DeferredList(user, total, entries);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD_LIST, e.getMessage());
        }
    }

    /** The retrieval document, UTF-8. */
    public static byte[] writeRetrieval(RetrievalRequest request) {
        XmlWriter w = new XmlWriter().start("retrieve", "xmlns", NAMESPACE);
        request.ids().forEach(id -> w.emptyElement("message", "id", id));
        return w.end().toBytes();
    }

    /**
     * @throws ProtocolException ("Bad retrieval request: ...") when the body is not a valid request
     */
    public static RetrievalRequest parseRetrieval(byte[] body) {
        XMLStreamReader r = SecureXml.openRoot(body, BAD_RETRIEVE);
        SecureXml.requireElement(r, NAMESPACE, "retrieve", BAD_RETRIEVE);
        List<String> ids = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD_RETRIEVE)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_RETRIEVE);
                continue;
            }
            if (!"message".equals(r.getLocalName())) {
                throw new ProtocolException(BAD_RETRIEVE, "unexpected element " + SecureXml.describe(r));
            }
            if (ids.size() == RetrievalRequest.MAX_IDS) {
                throw new ProtocolException(BAD_RETRIEVE, "more than " + RetrievalRequest.MAX_IDS + " messages named");
            }
            String id = SecureXml.attribute(r, null, "id", BAD_RETRIEVE);
            if (id == null || !DeferredList.isId(id)) {
                throw new ProtocolException(BAD_RETRIEVE, "<message> needs an id of 1 to 64 letters, digits, - . _ ~"
                        + (id == null ? "" : ", not " + ProtocolException.quote(id)));
            }
            SecureXml.skipElement(r, BAD_RETRIEVE);
            ids.add(id);
        }
        SecureXml.finish(r, BAD_RETRIEVE);
        try {
            return new RetrievalRequest(ids);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD_RETRIEVE, e.getMessage());
        }
    }

    private static DeferredList.Entry entry(XMLStreamReader r) {
        String id = SecureXml.attribute(r, null, "id", BAD_LIST);
        if (id == null || !DeferredList.isId(id)) {
            throw new ProtocolException(BAD_LIST, "<message> needs an id of 1 to 64 letters, digits, - . _ ~");
        }
        ImdnMessageId messageId = null;
        String sender = null;
        OffsetDateTime stored = null;
        Long size = null;
        ContentType contentType = null;
        while (SecureXml.nextChild(r, BAD_LIST)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_LIST);
                continue;
            }
            String name = r.getLocalName();
            switch (name) {
                case "message-id" -> {
                    once(messageId, name);
                    try {
                        messageId = ImdnMessageId.parse(SecureXml.text(r, BAD_LIST));
                    } catch (ProtocolException e) {
                        throw e.in(BAD_LIST);
                    }
                }
                case "sender" -> {
                    once(sender, name);
                    sender = SecureXml.text(r, BAD_LIST);
                    if (!DeferredList.isUri(sender)) {
                        throw new ProtocolException(BAD_LIST, "<sender> is not an absolute URI: " + ProtocolException.quote(sender));
                    }
                }
                case "stored" -> {
                    once(stored, name);
                    try {
                        stored = Rfc3339.parse(SecureXml.text(r, BAD_LIST));
                    } catch (ProtocolException e) {
                        throw new ProtocolException(BAD_LIST, "<stored> " + e.detail(), e);
                    }
                }
                case "size" -> {
                    once(size, name);
                    size = number(SecureXml.text(r, BAD_LIST), "<size>", BAD_LIST);
                }
                case "content-type" -> {
                    once(contentType, name);
                    try {
                        contentType = ContentType.parse(SecureXml.text(r, BAD_LIST));
                    } catch (ProtocolException e) {
                        throw e.in(BAD_LIST);
                    }
                }
                default -> throw new ProtocolException(BAD_LIST, "unexpected element " + SecureXml.describe(r) + " in <message>");
            }
        }
        if (sender == null || stored == null || size == null || contentType == null) {
            throw new ProtocolException(BAD_LIST, "<message id=\"" + id + "\"> needs <sender>, <stored>, <size> and <content-type>");
        }
        try {
            return new DeferredList.Entry(id, messageId, sender, stored, size, contentType);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD_LIST, e.getMessage());
        }
    }

    private static long number(String text, String what, String component) {
        boolean digits = !text.isEmpty() && text.length() <= 12;
        for (int i = 0; digits && i < text.length(); i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits) {
            throw new ProtocolException(component, what + " must be a number of at most 12 digits, not " + ProtocolException.quote(text));
        }
        return Long.parseLong(text);
    }

    private static void once(Object seen, String element) {
        if (seen != null) {
            throw new ProtocolException(BAD_LIST, "more than one <" + element + ">");
        }
    }
}
