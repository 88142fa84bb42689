package org.cpmserver.protocol.mime;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;

/**
 * StAX reading of the small XML bodies SIP carries (IMDN, resource lists, isComposing), hardened
 * against hostile input.
 *
 * <p>None of these formats needs a DTD, so any DOCTYPE is refused outright: that rules out external
 * entities (XXE), entity-expansion bombs and network fetches in one step, whatever the parser's own
 * defaults. DTD support and external entities are switched off as well, as a second line. The JDK's
 * built-in StAX implementation is used explicitly ({@link XMLInputFactory#newDefaultFactory()}), so
 * the behaviour does not change when a container puts another StAX provider on the class path.
 *
 * <p>The bytes are decoded here, not by the parser: the charset comes from a byte-order mark, else
 * from the XML declaration, else UTF-8 (XML 1.0 §4.3.3, Appendix F), and malformed sequences are
 * refused. Besides being strict, this keeps the JDK parser from printing "[Fatal Error]" lines to
 * standard error for every malformed body a peer chooses to send.
 *
 * <p>Text and attribute values are handed out only if XML 1.0 could carry them (an XML 1.1
 * document can smuggle C0 controls in as character references), so the models built from them
 * never see control characters.
 *
 * <p>The helpers walk element-only content: text between child elements that is not whitespace is
 * refused, comments and processing instructions are skipped.
 */
public final class SecureXml {

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([A-Za-z][A-Za-z0-9._-]*)[\"']");

    private SecureXml() {
    }

    /**
     * Opens {@code body} and advances to its root element.
     *
     * @param component the format being read, for error reasons ("Bad IMDN")
     * @throws ProtocolException when the body is not well-formed, has a DOCTYPE, or has no root
     */
    public static XMLStreamReader openRoot(byte[] body, String component) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_DTD, "");
        trySetProperty(factory, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        String text = decode(body, component);
        try {
            XMLStreamReader r = factory.createXMLStreamReader(new StringReader(text));
            while (true) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT:
                        return r;
                    case XMLStreamConstants.DTD:
                        throw new ProtocolException(component, "DOCTYPE is not allowed");
                    case XMLStreamConstants.COMMENT:
                    case XMLStreamConstants.PROCESSING_INSTRUCTION:
                    case XMLStreamConstants.SPACE:
                        break;
                    case XMLStreamConstants.CHARACTERS:
                        if (!r.isWhiteSpace()) {
                            throw new ProtocolException(component, "text before the root element");
                        }
                        break;
                    case XMLStreamConstants.END_DOCUMENT:
                        throw new ProtocolException(component, "no root element");
                    default:
                        throw new ProtocolException(component, "unexpected XML construct before the root element");
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e, component);
        }
    }

    /**
     * Checks that the reader is on a start tag named {@code localName} in {@code namespace}.
     *
     * @throws ProtocolException otherwise
     */
    public static void requireElement(XMLStreamReader r, String namespace, String localName, String component) {
        if (!localName.equals(r.getLocalName()) || !namespace.equals(r.getNamespaceURI())) {
            throw new ProtocolException(component, "expected <" + localName + "> in namespace " + namespace
                    + " but found " + describe(r));
        }
    }

    /**
     * Advances to the next child element of the element the reader is in. Returns {@code true} on
     * the child's start tag, {@code false} on the parent's end tag.
     *
     * @throws ProtocolException on non-whitespace text between elements or malformed XML
     */
    public static boolean nextChild(XMLStreamReader r, String component) {
        try {
            while (true) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT:
                        return true;
                    case XMLStreamConstants.END_ELEMENT:
                        return false;
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        if (!r.getText().isBlank()) {
                            throw new ProtocolException(component, "unexpected text between elements");
                        }
                        break;
                    case XMLStreamConstants.COMMENT:
                    case XMLStreamConstants.PROCESSING_INSTRUCTION:
                        break;
                    case XMLStreamConstants.END_DOCUMENT:
                        throw new ProtocolException(component, "XML document ends inside an element");
                    default:
                        throw new ProtocolException(component, "unexpected XML construct (entity or DTD)");
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e, component);
        }
    }

    /**
     * The text content of the current element (which must have no child elements), trimmed; leaves
     * the reader on its end tag.
     */
    public static String text(XMLStreamReader r, String component) {
        // not getElementText(): it reports a child element and a syntax error alike
        String name = r.getLocalName();
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.CHARACTERS:
                    case XMLStreamConstants.CDATA:
                    case XMLStreamConstants.SPACE:
                        text.append(r.getText());
                        break;
                    case XMLStreamConstants.COMMENT:
                    case XMLStreamConstants.PROCESSING_INSTRUCTION:
                        break;
                    case XMLStreamConstants.END_ELEMENT:
                        return checked(text.toString(), "<" + name + ">", component).strip();
                    case XMLStreamConstants.START_ELEMENT:
                        throw new ProtocolException(component, "<" + name + "> must contain text only");
                    case XMLStreamConstants.END_DOCUMENT:
                        throw new ProtocolException(component, "XML document ends inside an element");
                    default:
                        throw new ProtocolException(component, "unexpected XML construct (entity or DTD)");
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e, component);
        }
    }

    /** Skips the current element and everything inside it; leaves the reader on its end tag. */
    public static void skipElement(XMLStreamReader r, String component) {
        try {
            int depth = 1;
            while (depth > 0) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                } else if (event == XMLStreamConstants.END_DOCUMENT) {
                    throw new ProtocolException(component, "XML document ends inside an element");
                } else if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw new ProtocolException(component, "unexpected XML construct (entity or DTD)");
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e, component);
        }
    }

    /**
     * After the root's end tag: checks that only whitespace, comments and processing instructions
     * follow, then closes the reader.
     */
    public static void finish(XMLStreamReader r, String component) {
        try {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.END_DOCUMENT) {
                    break;
                }
                if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.SPACE) && r.isWhiteSpace()
                        || event == XMLStreamConstants.COMMENT || event == XMLStreamConstants.PROCESSING_INSTRUCTION) {
                    continue;
                }
                throw new ProtocolException(component, "content after the root element");
            }
            r.close();
        } catch (XMLStreamException | RuntimeException e) {
            throw wrap(e, component);
        }
    }

    /**
     * An attribute's value (unqualified when {@code namespace} is null or empty), or null.
     *
     * @throws ProtocolException when the value has characters XML 1.0 cannot carry
     */
    public static String attribute(XMLStreamReader r, String namespace, String localName, String component) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String ns = r.getAttributeNamespace(i);
            boolean nsMatches = namespace == null || namespace.isEmpty()
                    ? ns == null || ns.isEmpty()
                    : namespace.equals(ns);
            if (nsMatches && localName.equals(r.getAttributeLocalName(i))) {
                return checked(r.getAttributeValue(i), "attribute " + localName, component);
            }
        }
        return null;
    }

    private static String checked(String value, String where, String component) {
        if (!XmlWriter.isXmlText(value)) {
            throw new ProtocolException(component, "control character in " + where);
        }
        return value;
    }

    /** The document as text: BOM, else declared encoding, else UTF-8; strictly decoded. */
    static String decode(byte[] body, String component) {
        int offset = 0;
        Charset charset;
        if (body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF) {
            charset = StandardCharsets.UTF_8;
            offset = 3;
        } else if (body.length >= 2 && (body[0] & 0xff) == 0xFE && (body[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            offset = 2;
        } else if (body.length >= 2 && (body[0] & 0xff) == 0xFF && (body[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            offset = 2;
        } else {
            charset = declaredCharset(body, component);
        }
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, offset, body.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(component, "XML body is not valid " + charset.name(), e);
        }
    }

    private static Charset declaredCharset(byte[] body, String component) {
        // the declaration, if any, is ASCII and comes first (XML 1.0 §2.8)
        String head = new String(body, 0, Math.min(body.length, 256), StandardCharsets.ISO_8859_1);
        Matcher m = DECLARED_ENCODING.matcher(head);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(m.group(1));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProtocolException(component, "unsupported XML encoding " + ProtocolException.quote(m.group(1)), e);
        }
    }

    /** {@code <name>} or {@code <{namespace}name>} for error messages. */
    public static String describe(XMLStreamReader r) {
        String ns = r.getNamespaceURI();
        String name = r.getLocalName();
        return "<" + (ns == null || ns.isEmpty() ? "" : "{" + ProtocolException.quote(ns) + "}") + name + ">";
    }

    private static ProtocolException wrap(Exception e, String component) {
        if (e instanceof ProtocolException pe) {
            return pe;
        }
        Location where = e instanceof XMLStreamException xe ? xe.getLocation() : null;
        String at = where != null && where.getLineNumber() > 0 ? " at line " + where.getLineNumber() : "";
        return new ProtocolException(component, "not well-formed XML" + at, e);
    }

    private static void trySetProperty(XMLInputFactory factory, String name, Object value) {
        try {
            factory.setProperty(name, value);
        } catch (IllegalArgumentException unsupported) {
            // not every StAX implementation knows the JAXP 1.5 properties; the DOCTYPE check still applies
        }
    }
}
