package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class MimeHeadersTest {

    @Test
    void parsesFieldsWithFoldingAndLooksUpByAnyCase() {
        MimeHeaders h = MimeHeaders.parse(List.of(
                "Content-Type: multipart/mixed;",
                "\tboundary=\"b1\"",
                "content-id :  <x@y>  ",
                "X-Multi: 1",
                "x-multi: 2"), "Bad X");
        assertEquals(Optional.of("multipart/mixed;\tboundary=\"b1\""), h.first("CONTENT-TYPE"));
        assertEquals(Optional.of("<x@y>"), h.first("Content-ID"));
        assertEquals(List.of("1", "2"), h.all("X-MULTI"));
        assertEquals(Optional.empty(), h.first("Content-Length"));
        assertEquals("content-id", h.fields().get(1).name());
    }

    @Test
    void writesFieldsInOrderWithCrlf() {
        MimeHeaders h = MimeHeaders.empty().with("Content-Type", "text/plain").with("Content-ID", "<a@b>");
        assertEquals("Content-Type: text/plain\r\nContent-ID: <a@b>\r\n", h.toString());
    }

    @Test
    void setReplacesTheFirstAndDropsTheRest() {
        MimeHeaders h = MimeHeaders.empty().with("A", "1").with("B", "2").with("a", "3");
        assertEquals("a: 9\r\nB: 2\r\n", h.set("a", "9").toString());
        assertEquals("B: 2\r\nC: 4\r\n", h.without("A").set("C", "4").toString());
        assertTrue(MimeHeaders.empty().isEmpty());
    }

    @Test
    void singleRefusesRepeats() {
        MimeHeaders h = MimeHeaders.empty().with("Content-Type", "a/b").with("content-type", "c/d");
        ProtocolException e = assertThrows(ProtocolException.class, () -> h.single("Content-Type", "Bad X"));
        assertEquals("Bad X: more than one Content-Type header", e.reason());
        assertEquals(Optional.empty(), h.single("Content-ID", "Bad X"));
    }

    @Test
    void refusesMalformedLines() {
        assertEquals("Bad X: header block starts with a continuation line",
                assertThrows(ProtocolException.class, () -> MimeHeaders.parse(List.of(" folded"), "Bad X")).reason());
        assertEquals("Bad X: header line without a colon: 'no colon here'",
                assertThrows(ProtocolException.class, () -> MimeHeaders.parse(List.of("no colon here"), "Bad X")).reason());
        assertEquals("Bad X: invalid header name ''",
                assertThrows(ProtocolException.class, () -> MimeHeaders.parse(List.of(": value"), "Bad X")).reason());
        assertEquals("Bad X: invalid header name 'Bad Name'",
                assertThrows(ProtocolException.class, () -> MimeHeaders.parse(List.of("Bad Name: v"), "Bad X")).reason());
        assertEquals("Bad X: control character in header 'A'",
                assertThrows(ProtocolException.class, () -> MimeHeaders.parse(List.of("A: x\u0000y"), "Bad X")).reason());
        assertThrows(ProtocolException.class, () -> MimeHeaders.parse(List.of("A: x\u001f"), "Bad X"));
    }

    @Test
    void refusesHeaderInjectionFromCode() {
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.empty().with("A", "x\r\nB: y"));
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.empty().with("A:B", "x"));
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.empty().with("A", " padded "));
        assertThrows(IllegalArgumentException.class, () -> MimeHeaders.empty().with("\u00e9", "x"));
    }
}
