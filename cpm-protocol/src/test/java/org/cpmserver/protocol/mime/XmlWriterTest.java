package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

    @Test
    void writesAStableIndentedDocument() {
        byte[] doc = new XmlWriter().start("root", "xmlns", "urn:x", "a", "1")
                .textElement("t", "x")
                .start("inner").emptyElement("e", "k", "v").end()
                .end().toBytes();
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<root xmlns=\"urn:x\" a=\"1\">\n"
                + "  <t>x</t>\n"
                + "  <inner>\n"
                + "    <e k=\"v\"/>\n"
                + "  </inner>\n"
                + "</root>\n", new String(doc, StandardCharsets.UTF_8));
    }

    @Test
    void escapesSoThatAReaderGetsTheSameTextBack() {
        String text = "a<b>&c\"d'e\r\nf\tg \u263a \uD83D\uDE00";
        byte[] doc = new XmlWriter().start("r", "attr", text).textElement("t", text).end().toBytes();
        String xml = new String(doc, StandardCharsets.UTF_8);
        assertTrue(xml.contains("attr=\"a&lt;b&gt;&amp;c&quot;d'e&#13;&#10;f&#9;g"), xml);
        XMLStreamReader r = SecureXml.openRoot(doc, "Bad X");
        assertEquals(text, SecureXml.attribute(r, null, "attr", "Bad X"));
        SecureXml.nextChild(r, "Bad X");
        assertEquals(text.strip(), SecureXml.text(r, "Bad X"));
    }

    @Test
    void refusesTextXmlCannotCarry() {
        assertFalse(XmlWriter.isXmlText("a\u0000"));
        assertFalse(XmlWriter.isXmlText("\uFFFE"));
        assertFalse(XmlWriter.isXmlText("\uD83D"));
        assertFalse(XmlWriter.isXmlText("\uDE00x"));
        assertTrue(XmlWriter.isXmlText("\t\r\n \uD83D\uDE00"));
        assertThrows(IllegalArgumentException.class, () -> new XmlWriter().textElement("t", "bell\u0007"));
        assertThrows(IllegalArgumentException.class, () -> new XmlWriter().emptyElement("t", "odd"));
    }

    @Test
    void refusesAnUnclosedDocument() {
        assertThrows(IllegalStateException.class, () -> new XmlWriter().start("a").toBytes());
    }
}
