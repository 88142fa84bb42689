package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecureXmlTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void walksElementOnlyContent() {
        XMLStreamReader r = SecureXml.openRoot(bytes("<?xml version='1.0'?><!-- c --><a xmlns='urn:x' k='v'>"
                + "<?pi x?><b> text &amp; more </b><!-- c --><c><d/></c></a>\n<!-- after -->"), "Bad X");
        SecureXml.requireElement(r, "urn:x", "a", "Bad X");
        assertEquals("v", SecureXml.attribute(r, null, "k", "Bad X"));
        assertNull(SecureXml.attribute(r, "urn:x", "k", "Bad X"));
        assertTrue(SecureXml.nextChild(r, "Bad X"));
        assertEquals("b", r.getLocalName());
        assertEquals("text & more", SecureXml.text(r, "Bad X"));
        assertTrue(SecureXml.nextChild(r, "Bad X"));
        assertEquals("c", r.getLocalName());
        SecureXml.skipElement(r, "Bad X");
        assertFalse(SecureXml.nextChild(r, "Bad X"));
        SecureXml.finish(r, "Bad X");
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        assertEquals("Bad X: DOCTYPE is not allowed",
                assertThrows(ProtocolException.class, () -> SecureXml.openRoot(bytes(xxe), "Bad X")).reason());
        String laughs = "<!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;\">]><a>&l2;</a>";
        assertEquals("Bad X: DOCTYPE is not allowed",
                assertThrows(ProtocolException.class, () -> SecureXml.openRoot(bytes(laughs), "Bad X")).reason());
        String external = "<!DOCTYPE a SYSTEM \"http://127.0.0.1:1/evil.dtd\"><a/>";
        assertThrows(ProtocolException.class, () -> SecureXml.openRoot(bytes(external), "Bad X"));
    }

    @Test
    void refusesAnUndeclaredEntityInContent() {
        XMLStreamReader r = SecureXml.openRoot(bytes("<a><b>&undeclared;</b></a>"), "Bad X");
        assertThrows(ProtocolException.class, () -> {
            SecureXml.nextChild(r, "Bad X");
            SecureXml.text(r, "Bad X");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not xml", "<a>", "<a></b>", "text<a/>", "<a/><b/>", "<a/>trailing", "<!-- only -->"})
    void refusesMalformedDocuments(String xml) {
        assertThrows(ProtocolException.class, () -> {
            XMLStreamReader r = SecureXml.openRoot(bytes(xml), "Bad X");
            while (SecureXml.nextChild(r, "Bad X")) {
                SecureXml.skipElement(r, "Bad X");
            }
            SecureXml.finish(r, "Bad X");
        });
    }

    @Test
    void refusesTextBetweenElements() {
        XMLStreamReader r = SecureXml.openRoot(bytes("<a>oops<b/></a>"), "Bad X");
        assertEquals("Bad X: unexpected text between elements",
                assertThrows(ProtocolException.class, () -> SecureXml.nextChild(r, "Bad X")).reason());
    }

    @Test
    void textRefusesChildElements() {
        XMLStreamReader r = SecureXml.openRoot(bytes("<a><b>x<c/></b></a>"), "Bad X");
        SecureXml.nextChild(r, "Bad X");
        assertEquals("Bad X: <b> must contain text only",
                assertThrows(ProtocolException.class, () -> SecureXml.text(r, "Bad X")).reason());
    }

    @Test
    void requireElementChecksNameAndNamespace() {
        XMLStreamReader r = SecureXml.openRoot(bytes("<a xmlns='urn:y'/>"), "Bad X");
        assertEquals("Bad X: expected <a> in namespace urn:x but found <{'urn:y'}a>",
                assertThrows(ProtocolException.class, () -> SecureXml.requireElement(r, "urn:x", "a", "Bad X")).reason());
        XMLStreamReader plain = SecureXml.openRoot(bytes("<b/>"), "Bad X");
        assertEquals("Bad X: expected <a> in namespace urn:x but found <b>",
                assertThrows(ProtocolException.class, () -> SecureXml.requireElement(plain, "urn:x", "a", "Bad X")).reason());
    }

    @Test
    void decodesFromTheBomOrTheDeclarationOrAsUtf8() {
        String text = "<a>caf\u00e9 \u263a</a>";
        byte[] utf8Bom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, text.getBytes(StandardCharsets.UTF_8));
        byte[] utf16le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        byte[] utf16be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, text.getBytes(StandardCharsets.UTF_16BE));
        for (byte[] doc : new byte[][] {bytes(text), utf8Bom, utf16le, utf16be}) {
            XMLStreamReader r = SecureXml.openRoot(doc, "Bad X");
            assertEquals("caf\u00e9 \u263a", SecureXml.text(r, "Bad X"));
        }
        byte[] latin1 = "<?xml version='1.0' encoding='ISO-8859-1'?><a>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", SecureXml.text(SecureXml.openRoot(latin1, "Bad X"), "Bad X"));
    }

    @Test
    void refusesBytesThatAreNotInTheDocumentsCharset() {
        byte[] badUtf8 = {'<', 'a', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'a', '>'};
        assertEquals("Bad X: XML body is not valid UTF-8",
                assertThrows(ProtocolException.class, () -> SecureXml.openRoot(badUtf8, "Bad X")).reason());
        byte[] badAscii = "<?xml version=\"1.0\" encoding=\"US-ASCII\"?><a>\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("Bad X: XML body is not valid US-ASCII",
                assertThrows(ProtocolException.class, () -> SecureXml.openRoot(badAscii, "Bad X")).reason());
        byte[] unknown = bytes("<?xml version=\"1.0\" encoding=\"klingon\"?><a/>");
        assertEquals("Bad X: unsupported XML encoding 'klingon'",
                assertThrows(ProtocolException.class, () -> SecureXml.openRoot(unknown, "Bad X")).reason());
    }

    @Test
    void refusesControlCharactersSmuggledInByXml11() {
        XMLStreamReader r = SecureXml.openRoot(bytes("<?xml version=\"1.1\"?><a k=\"&#x1;\"><b>x&#x7;</b></a>"), "Bad X");
        assertEquals("Bad X: control character in attribute k",
                assertThrows(ProtocolException.class, () -> SecureXml.attribute(r, null, "k", "Bad X")).reason());
        SecureXml.nextChild(r, "Bad X");
        assertEquals("Bad X: control character in <b>",
                assertThrows(ProtocolException.class, () -> SecureXml.text(r, "Bad X")).reason());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void malformedXmlReasonNamesTheLine() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> {
            XMLStreamReader r = SecureXml.openRoot(bytes("<a>\n<b>\n</a>"), "Bad X");
            SecureXml.nextChild(r, "Bad X");
            SecureXml.skipElement(r, "Bad X");
        });
        assertTrue(e.reason().startsWith("Bad X: not well-formed XML at line "), e.reason());
    }
}
