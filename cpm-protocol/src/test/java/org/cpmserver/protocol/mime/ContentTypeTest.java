package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentTypeTest {

    @Test
    void parsesTypeSubtypeAndParameters() {
        ContentType ct = ContentType.parse("Text/Plain; Charset=\"UTF-8\" ; format=flowed");
        assertEquals("text", ct.type());
        assertEquals("plain", ct.subtype());
        assertEquals("text/plain", ct.mediaType());
        assertEquals(Optional.of("UTF-8"), ct.parameter("charset"));
        assertEquals(Optional.of("UTF-8"), ct.parameter("CHARSET"));
        assertEquals(Optional.of("flowed"), ct.parameter("format"));
        assertEquals("text/plain;charset=UTF-8;format=flowed", ct.toString());
    }

    @Test
    void toleratesWhitespaceAroundSeparatorsAndOneTrailingSemicolon() {
        ContentType ct = ContentType.parse("  text / plain ;charset = utf-8;  ");
        assertEquals("text/plain;charset=utf-8", ct.toString());
    }

    @Test
    void quotedValuesKeepEscapesAndCase() {
        ContentType ct = ContentType.parse("multipart/mixed; boundary=\"a \\\"b\\\\c\"");
        assertEquals(Optional.of("a \"b\\c"), ct.parameter("boundary"));
        assertEquals("multipart/mixed;boundary=\"a \\\"b\\\\c\"", ct.toString());
        assertEquals(ct, ContentType.parse(ct.toString()));
    }

    @Test
    void writesValuesThatAreNotTokensQuoted() {
        ContentType ct = ContentType.of("multipart", "mixed", Map.of("boundary", "x=y/z"));
        assertEquals("multipart/mixed;boundary=\"x=y/z\"", ct.toString());
        assertEquals("multipart/mixed;boundary=\"\"", ContentType.of("multipart", "mixed", Map.of("boundary", "")).toString());
    }

    @Test
    void writesParametersInInsertionOrder() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("z", "1");
        params.put("a", "2");
        assertEquals("text/plain;z=1;a=2", ContentType.of("text", "plain", params).toString());
    }

    @Test
    void matchesCaseInsensitivelyWithWildcards() {
        ContentType ct = ContentType.parse("Message/IMDN+XML");
        assertTrue(ct.is("message/imdn+xml"));
        assertTrue(ct.is("MESSAGE/*"));
        assertTrue(ct.is("*/*"));
        assertFalse(ct.is("message/cpim"));
        assertFalse(ct.is("text/*"));
        assertTrue(ct.sameMediaType(ContentType.MESSAGE_IMDN_XML));
        assertThrows(IllegalArgumentException.class, () -> ct.is("message"));
    }

    @Test
    void equalityIgnoresCaseOfNamesButNotOfValues() {
        assertEquals(ContentType.parse("TEXT/plain;CHARSET=x"), ContentType.parse("text/PLAIN; charset=x"));
        assertEquals(ContentType.parse("TEXT/plain;CHARSET=x").hashCode(), ContentType.parse("text/PLAIN; charset=x").hashCode());
        assertNotEquals(ContentType.parse("text/plain;charset=X"), ContentType.parse("text/plain;charset=x"));
        assertNotEquals(ContentType.parse("text/plain"), ContentType.parse("text/plain;charset=x"));
    }

    @Test
    void charsetFallsBackAndResolves() {
        assertEquals(StandardCharsets.UTF_8, ContentType.parse("text/plain").charset(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.ISO_8859_1, ContentType.parse("text/plain;charset=latin1").charset(StandardCharsets.UTF_8));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> ContentType.parse("text/plain;charset=klingon-8").charset(StandardCharsets.UTF_8));
        assertEquals("Bad MIME: unsupported charset 'klingon-8'", e.reason());
        assertThrows(ProtocolException.class, () -> ContentType.parse("text/plain;charset=\"bad name!\"").charset(StandardCharsets.UTF_8));
    }

    @Test
    void withParameterReplacesInPlace() {
        ContentType ct = ContentType.parse("text/plain;charset=ascii;format=flowed").withParameter("Charset", "UTF-8");
        assertEquals("text/plain;charset=UTF-8;format=flowed", ct.toString());
        assertEquals("text/plain", ct.withoutParameters().toString());
    }

    @Test
    void refusesInvalidValuesFromCode() {
        assertThrows(IllegalArgumentException.class, () -> ContentType.of("te xt", "plain"));
        assertThrows(IllegalArgumentException.class, () -> ContentType.of("text", "pl/ain"));
        assertThrows(IllegalArgumentException.class, () -> ContentType.of("text", "plain", Map.of("charset", "a\r\nb")));
        assertThrows(IllegalArgumentException.class, () -> ContentType.TEXT_PLAIN.withParameter("a b", "c"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "text", "text/", "/plain", "text/plain; charset", "text/plain; charset=",
        "text/plain; charset=\"utf-8", "text/plain charset=utf-8", "text/plain; a=1; A=2",
        "te xt/plain", "text/plain; charset=utf 8", "text/plain;;charset=x", "text/pl@in",
        "text/plain; charset=\"a\u0001b\"", "text/plain; =x", "text/plain; charset=\"x\\"
    })
    void rejectsMalformedValues(String value) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContentType.parse(value));
        assertTrue(e.reason().startsWith("Bad MIME: Content-Type "), e.reason());
    }

    @Test
    void rejectionReasonsSayWhatIsWrong() {
        assertEquals("Bad MIME: Content-Type has no subtype",
                assertThrows(ProtocolException.class, () -> ContentType.parse("text")).reason());
        assertEquals("Bad MIME: Content-Type repeats parameter 'boundary'",
                assertThrows(ProtocolException.class, () -> ContentType.parse("multipart/mixed;boundary=a;Boundary=b")).reason());
    }
}
