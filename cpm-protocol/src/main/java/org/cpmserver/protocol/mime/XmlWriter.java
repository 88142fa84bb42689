package org.cpmserver.protocol.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes small XML documents byte-for-byte deterministically: UTF-8 declaration, two-space
 * indentation, one element per line, attributes in the order given, double-quoted.
 *
 * <p>Hand-written rather than an {@code XMLStreamWriter} because StAX writers differ in how they
 * lay out declarations, empty elements and escapes, and stable output keeps signatures, test
 * fixtures and message logs comparable. Text that XML 1.0 cannot carry (most C0 controls, U+FFFE,
 * U+FFFF, unpaired surrogates; §2.2) is refused instead of producing a document no one can read.
 */
public final class XmlWriter {

    private final StringBuilder out = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    private final Deque<String> open = new ArrayDeque<>();

    /** Opens {@code <name attr="value" ...>}; {@code attributes} alternate names and values. */
    public XmlWriter start(String name, String... attributes) {
        indent();
        tag(name, attributes);
        out.append(">\n");
        open.push(name);
        return this;
    }

    /** Closes the most recently opened element. */
    public XmlWriter end() {
        String name = open.pop();
        indent();
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** {@code <name>text</name>} on one line. */
    public XmlWriter textElement(String name, String text) {
        indent();
        out.append('<').append(name).append('>');
        escape(text, false);
        out.append("</").append(name).append(">\n");
        return this;
    }

    /** {@code <name attr="value" .../>}. */
    public XmlWriter emptyElement(String name, String... attributes) {
        indent();
        tag(name, attributes);
        out.append("/>\n");
        return this;
    }

    /** The document as UTF-8. */
    public byte[] toBytes() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("unclosed element <" + open.peek() + ">");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code s} only has characters XML 1.0 allows (§2.2 Char). */
    public static boolean isXmlText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c) || c == 0xFFFE || c == 0xFFFF
                    || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
                return false;
            }
        }
        return true;
    }

    private void tag(String name, String[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name/value pairs");
        }
        out.append('<').append(name);
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ').append(attributes[i]).append("=\"");
            escape(attributes[i + 1], true);
            out.append('"');
        }
    }

    private void indent() {
        for (int i = 0; i < open.size(); i++) {
            out.append("  ");
        }
    }

    private void escape(String text, boolean attribute) {
        if (!isXmlText(text)) {
            throw new IllegalArgumentException("text has characters XML 1.0 cannot carry");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // character references survive attribute-value and end-of-line normalisation (XML §3.3.3, §2.11)
                case '\r' -> out.append("&#13;");
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }
}
