package org.cpmserver.protocol.resourcelists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.SecureXml;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * Reads and writes {@code application/resource-lists+xml} (RFC 4826 §3) with the copy-control
 * attributes of RFC 5364 ({@code cp:copyControl}, {@code cp:anonymize}).
 *
 * <p>Reading refuses what a URI-list server cannot act on safely:
 * <ul>
 *   <li>XML that is not well-formed, has a DOCTYPE, or whose root is not {@code <resource-lists>};</li>
 *   <li>an {@code <entry>} without a {@code uri}, or whose {@code uri} is not an absolute URI;</li>
 *   <li>an unknown {@code copyControl} value or a non-boolean {@code anonymize};</li>
 *   <li>{@code <entry-ref>} and {@code <external>}: they point at lists stored elsewhere (XCAP),
 *       which a MESSAGE URI-list server does not dereference, and silently skipping them would
 *       silently drop recipients;</li>
 *   <li>lists nested deeper than {@value #MAX_DEPTH};</li>
 *   <li>more entries than the configured maximum (counted as written, before duplicates are
 *       removed, so the work done on a hostile list stays bounded) - reported with status 403, as a
 *       policy refusal rather than a syntax error.</li>
 * </ul>
 * Duplicate recipients are not an error: {@link ResourceLists#recipients()} removes them.
 * Elements and attributes from other namespaces are ignored (RFC 4826's extension points).
 */
public final class ResourceListsXml {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:resource-lists";
    public static final String COPY_CONTROL_NAMESPACE = "urn:ietf:params:xml:ns:copycontrol";

    /** The entry limit of {@link #parse(byte[])}. */
    public static final int DEFAULT_MAX_ENTRIES = 100;
    /** How deep lists may nest. */
    public static final int MAX_DEPTH = 8;

    static final String BAD_LIST = "Bad resource-lists";
    static final String TOO_MANY = "Too many recipients";

    private ResourceListsXml() {
    }

    /** As {@link #parse(byte[], int)} with {@value #DEFAULT_MAX_ENTRIES} entries at most. */
    public static ResourceLists parse(byte[] body) {
        return parse(body, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param maxEntries the most {@code <entry>} elements accepted
     * @throws ProtocolException "Bad resource-lists: ..." (400) for a malformed document,
     *     "Too many recipients: ..." (403) when {@code maxEntries} is exceeded
     */
    public static ResourceLists parse(byte[] body, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        XMLStreamReader r = SecureXml.openRoot(body, BAD_LIST);
        SecureXml.requireElement(r, NAMESPACE, "resource-lists", BAD_LIST);
        int[] count = {0};
        List<ResourceList> lists = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD_LIST)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_LIST);
            } else if ("list".equals(r.getLocalName())) {
                lists.add(readList(r, 1, count, maxEntries));
            } else {
                throw unexpected(r, "resource-lists");
            }
        }
        SecureXml.finish(r, BAD_LIST);
        return ResourceLists.of(lists);
    }

    /** The document, UTF-8, with stable layout; copyControl is always written, anonymize when true. */
    public static byte[] write(ResourceLists doc) {
        XmlWriter w = new XmlWriter().start("resource-lists", "xmlns", NAMESPACE, "xmlns:cp", COPY_CONTROL_NAMESPACE);
        for (ResourceList list : doc.lists()) {
            writeList(w, list);
        }
        return w.end().toBytes();
    }

    private static void writeList(XmlWriter w, ResourceList list) {
        if (list.name().isPresent()) {
            w.start("list", "name", list.name().get());
        } else {
            w.start("list");
        }
        list.displayName().ifPresent(d -> w.textElement("display-name", d));
        for (ListMember m : list.members()) {
            if (m instanceof ResourceList nested) {
                writeList(w, nested);
            } else if (m instanceof Entry e) {
                String[] attrs = e.anonymize()
                        ? new String[] {"uri", e.uri(), "cp:copyControl", e.copyControl().value(), "cp:anonymize", "true"}
                        : new String[] {"uri", e.uri(), "cp:copyControl", e.copyControl().value()};
                if (e.displayName().isPresent()) {
                    w.start("entry", attrs).textElement("display-name", e.displayName().get()).end();
                } else {
                    w.emptyElement("entry", attrs);
                }
            }
        }
        w.end();
    }

    private static ResourceList readList(XMLStreamReader r, int depth, int[] count, int maxEntries) {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException(BAD_LIST, "lists nested deeper than " + MAX_DEPTH);
        }
        String name = SecureXml.attribute(r, null, "name", BAD_LIST);
        String displayName = null;
        boolean sawDisplayName = false;
        List<ListMember> members = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD_LIST)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_LIST);
                continue;
            }
            switch (r.getLocalName()) {
                case "display-name" -> {
                    if (sawDisplayName) {
                        throw new ProtocolException(BAD_LIST, "more than one <display-name> in a <list>");
                    }
                    sawDisplayName = true;
                    displayName = SecureXml.text(r, BAD_LIST);
                }
                case "entry" -> {
                    if (++count[0] > maxEntries) {
                        throw new ProtocolException(TOO_MANY, "the list has more than " + maxEntries + " entries",
                                ProtocolException.FORBIDDEN);
                    }
                    members.add(readEntry(r));
                }
                case "list" -> members.add(readList(r, depth + 1, count, maxEntries));
                case "entry-ref", "external" -> throw new ProtocolException(BAD_LIST,
                        "<" + r.getLocalName() + "> references are not supported, list the URIs as <entry>");
                default -> throw unexpected(r, "list");
            }
        }
        return ResourceList.of(name, displayName, members);
    }

    private static Entry readEntry(XMLStreamReader r) {
        String uri = SecureXml.attribute(r, null, "uri", BAD_LIST);
        if (uri == null || uri.isBlank()) {
            throw new ProtocolException(BAD_LIST, "<entry> without a uri");
        }
        uri = uri.strip();
        if (!RecipientKey.isUri(uri)) {
            throw new ProtocolException(BAD_LIST, "<entry> uri is not an absolute URI: " + ProtocolException.quote(uri));
        }
        CopyControl role = CopyControl.TO;
        String cc = SecureXml.attribute(r, COPY_CONTROL_NAMESPACE, "copyControl", BAD_LIST);
        if (cc != null) {
            role = CopyControl.fromValue(cc).orElseThrow(() -> new ProtocolException(BAD_LIST,
                    "unknown copyControl " + ProtocolException.quote(cc)));
        }
        boolean anonymize = false;
        String anon = SecureXml.attribute(r, COPY_CONTROL_NAMESPACE, "anonymize", BAD_LIST);
        if (anon != null) {
            anonymize = switch (anon.strip().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw new ProtocolException(BAD_LIST, "anonymize must be true or false, not "
                        + ProtocolException.quote(anon));
            };
        }
        String displayName = null;
        boolean sawDisplayName = false;
        while (SecureXml.nextChild(r, BAD_LIST)) {
            if (!NAMESPACE.equals(r.getNamespaceURI())) {
                SecureXml.skipElement(r, BAD_LIST);
            } else if ("display-name".equals(r.getLocalName())) {
                if (sawDisplayName) {
                    throw new ProtocolException(BAD_LIST, "more than one <display-name> in an <entry>");
                }
                sawDisplayName = true;
                displayName = SecureXml.text(r, BAD_LIST);
            } else {
                throw unexpected(r, "entry");
            }
        }
        return Entry.of(uri, displayName, role, anonymize);
    }

    private static ProtocolException unexpected(XMLStreamReader r, String parent) {
        return new ProtocolException(BAD_LIST, "unexpected element " + SecureXml.describe(r) + " in <" + parent + ">");
    }
}
