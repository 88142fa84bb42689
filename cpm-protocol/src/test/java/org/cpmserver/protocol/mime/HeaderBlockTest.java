package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class HeaderBlockTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsCrlfLinesUpToTheEmptyLine() {
        byte[] in = bytes("A: 1\r\nB: 2\r\n\r\nbody");
        HeaderBlock b = HeaderBlock.read(in, 0, in.length, "Bad X");
        assertEquals(List.of("A: 1", "B: 2"), b.lines());
        assertTrue(b.terminated());
        assertEquals(in.length - 4, b.next());
    }

    @Test
    void acceptsBareLineFeeds() {
        byte[] in = bytes("A: 1\nB: 2\n\nbody");
        HeaderBlock b = HeaderBlock.read(in, 0, in.length, "Bad X");
        assertEquals(List.of("A: 1", "B: 2"), b.lines());
        assertEquals(in.length - 4, b.next());
    }

    @Test
    void reportsAnUnterminatedBlock() {
        byte[] in = bytes("A: 1\r\nB: 2");
        HeaderBlock b = HeaderBlock.read(in, 0, in.length, "Bad X");
        assertFalse(b.terminated());
        assertEquals(List.of("A: 1", "B: 2"), b.lines());
        assertEquals(in.length, b.next());
    }

    @Test
    void startsAnywhereAndStopsAtTheRangeEnd() {
        byte[] in = bytes("xxA: 1\r\n\r\nyy");
        HeaderBlock b = HeaderBlock.read(in, 2, 8, "Bad X");
        assertEquals(List.of("A: 1"), b.lines());
        assertFalse(b.terminated());
    }

    @Test
    void decodesUtf8() {
        byte[] in = bytes("Subject: h\u00e9llo \u263a\r\n\r\n");
        assertEquals(List.of("Subject: h\u00e9llo \u263a"), HeaderBlock.read(in, 0, in.length, "Bad X").lines());
    }

    @Test
    void refusesABareCarriageReturn() {
        byte[] in = bytes("A: 1\rB: 2\r\n\r\n");
        ProtocolException e = assertThrows(ProtocolException.class, () -> HeaderBlock.read(in, 0, in.length, "Bad X"));
        assertEquals("Bad X: carriage return without line feed in a header line", e.reason());
        byte[] trailing = bytes("A: 1\r");
        assertThrows(ProtocolException.class, () -> HeaderBlock.read(trailing, 0, trailing.length, "Bad X"));
    }

    @Test
    void refusesMalformedUtf8() {
        byte[] in = {'A', ':', ' ', (byte) 0xC3, (byte) 0x28, '\r', '\n', '\r', '\n'};
        ProtocolException e = assertThrows(ProtocolException.class, () -> HeaderBlock.read(in, 0, in.length, "Bad X"));
        assertEquals("Bad X: header line is not valid UTF-8", e.reason());
    }
}
