package org.cpmserver.protocol.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class MsrpParserTest {

    private static final String FIRST = "MSRP a7Fq20rX SEND\r\nTo-Path: msrp://h:1/a;tcp\r\nFrom-Path: msrp://h:2/b;tcp\r\n"
            + "Message-ID: m-1x\r\nContent-Type: text/plain\r\n\r\n-------a7Fq20rX (not the end)\r\n-------a7Fq20rX$\r\n";
    private static final String SECOND = "MSRP a7Fq20rX 200 OK\r\nTo-Path: msrp://h:2/b;tcp\r\nFrom-Path: msrp://h:1/a;tcp\r\n"
            + "-------a7Fq20rX$\r\n";

    @Test
    void cutsTransactionsFedByteByByte() {
        byte[] stream = (FIRST.replace("-------a7Fq20rX (not the end)", "body") + SECOND).getBytes(StandardCharsets.US_ASCII);
        MsrpParser parser = new MsrpParser();
        List<MsrpMessage> out = new ArrayList<>();
        for (byte b : stream) {
            parser.feed(new byte[] {b});
            parser.next().ifPresent(out::add);
        }
        assertEquals(2, out.size());
        assertEquals("body", new String(out.get(0).body(), StandardCharsets.US_ASCII));
        assertEquals(200, out.get(1).statusCode().getAsInt());
        assertEquals(0, parser.buffered());
    }

    @Test
    void returnsSeveralTransactionsFedAtOnce() {
        String one = FIRST.replace("-------a7Fq20rX (not the end)", "x");
        MsrpParser parser = new MsrpParser();
        parser.feed((one + SECOND + "MSRP").getBytes(StandardCharsets.US_ASCII));
        assertTrue(parser.next().isPresent());
        assertTrue(parser.next().isPresent());
        assertEquals(Optional.empty(), parser.next());
        assertEquals(4, parser.buffered());
    }

    @Test
    void aBodyLineLookingLikeTheEndLineEndsTheTransactionAndIsRefused() {
        MsrpParser parser = new MsrpParser();
        parser.feed(FIRST.getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(ProtocolException.class, parser::next).reason().startsWith("Bad MSRP"));
        // the stream cannot be trusted any more
        assertThrows(IllegalStateException.class, parser::next);
    }

    @Test
    void boundsTheBuffer() {
        MsrpParser parser = new MsrpParser();
        parser.feed("MSRP a7Fq20rX SEND\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = new byte[64 * 1024];
        ProtocolException e = assertThrows(ProtocolException.class, () -> {
            while (true) {
                parser.feed(chunk);
                parser.next();
            }
        });
        assertTrue(e.reason().contains("larger than"));
    }

    @Test
    void refusesAStartLineWithoutEnd() {
        MsrpParser parser = new MsrpParser();
        parser.feed(new byte[MsrpMessage.MAX_LINE + 2]);
        assertThrows(ProtocolException.class, parser::next);
    }
}
