package org.cpmserver.protocol.msrp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Test;

class MsrpMessageTest {

    private static final String TO = "msrp://203.0.113.9:2855/s2Qp;tcp";
    private static final String FROM = "msrp://198.51.100.7:7394/k7Hw9qZx;tcp";

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(String text) {
        return assertThrows(ProtocolException.class, () -> MsrpMessage.parse(crlf(text))).reason();
    }

    private static String send(String tid, String headers, String body, String endLine) {
        return "MSRP " + tid + " SEND\nTo-Path: " + TO + "\nFrom-Path: " + FROM + "\n" + headers
                + (body == null ? "" : "Content-Type: text/plain\n\n" + body + "\n") + endLine + "\n";
    }

    @Test
    void readsASend() {
        MsrpMessage m = MsrpMessage.parse(crlf(send("d93kswow", "Message-ID: 12339sdqwer\nByte-Range: 1-9/9\n",
                "Hi, Bob!!", "-------d93kswow$")));
        assertTrue(m.isRequest());
        assertEquals(Optional.of("SEND"), m.method());
        assertEquals("d93kswow", m.transactionId());
        assertEquals(List.of(MsrpUri.parse(TO)), m.toPath());
        assertEquals(List.of(MsrpUri.parse(FROM)), m.fromPath());
        assertEquals(Optional.of("12339sdqwer"), m.messageId());
        assertEquals(new ByteRange(1, 9, 9), m.byteRange().orElseThrow());
        assertEquals(Optional.of(ContentType.TEXT_PLAIN), m.contentType());
        assertArrayEquals("Hi, Bob!!".getBytes(StandardCharsets.US_ASCII), m.body());
        assertEquals(MsrpMessage.Continuation.COMPLETE, m.continuation());
    }

    @Test
    void readsAResponseWithAndWithoutComment() {
        MsrpMessage ok = MsrpMessage.parse(crlf("MSRP d93kswow 200 OK\nTo-Path: " + FROM + "\nFrom-Path: " + TO
                + "\n-------d93kswow$\n"));
        assertFalse(ok.isRequest());
        assertEquals(OptionalInt.of(200), ok.statusCode());
        assertEquals(Optional.of("OK"), ok.comment());
        assertFalse(ok.hasBody());
        MsrpMessage bare = MsrpMessage.parse(crlf("MSRP d93kswow 481\nTo-Path: " + FROM + "\nFrom-Path: " + TO
                + "\n-------d93kswow$\n"));
        assertEquals(OptionalInt.of(481), bare.statusCode());
        assertEquals(Optional.empty(), bare.comment());
    }

    @Test
    void writerOutputIsByteExactAndReadBack() {
        MsrpMessage m = MsrpMessage.request("a7Fq20rX", "SEND")
                .toPath(List.of(MsrpUri.parse(TO)))
                .fromPath(List.of(MsrpUri.parse(FROM)))
                .header("Message-ID", "m-1x")
                .header("Byte-Range", "1-5/10")
                .body(ContentType.TEXT_PLAIN, "hello".getBytes(StandardCharsets.US_ASCII))
                .continuation(MsrpMessage.Continuation.MORE)
                .build();
        String expected = "MSRP a7Fq20rX SEND\r\nTo-Path: " + TO + "\r\nFrom-Path: " + FROM
                + "\r\nMessage-ID: m-1x\r\nByte-Range: 1-5/10\r\nContent-Type: text/plain\r\n\r\nhello\r\n-------a7Fq20rX+\r\n";
        assertEquals(expected, new String(m.toBytes(), StandardCharsets.UTF_8));
        assertEquals(m, MsrpMessage.parse(m.toBytes()));
    }

    @Test
    void emptyBodyRoundTrips() {
        MsrpMessage m = MsrpMessage.request("a7Fq20rX", "SEND").toPath(List.of(MsrpUri.parse(TO)))
                .fromPath(List.of(MsrpUri.parse(FROM))).header("Message-ID", "m-1x")
                .body(ContentType.TEXT_PLAIN, new byte[0]).build();
        MsrpMessage back = MsrpMessage.parse(m.toBytes());
        assertTrue(back.hasBody());
        assertEquals(0, back.body().length);
        assertEquals(m, back);
    }

    @Test
    void responseStatusIsWrittenWithThreeDigits() {
        MsrpMessage m = MsrpMessage.response("a7Fq20rX", 7, null).toPath(List.of(MsrpUri.parse(TO)))
                .fromPath(List.of(MsrpUri.parse(FROM))).build();
        assertTrue(new String(m.toBytes(), StandardCharsets.UTF_8).startsWith("MSRP a7Fq20rX 007\r\n"));
        assertEquals(m, MsrpMessage.parse(m.toBytes()));
    }

    @Test
    void refusesAnEndLineOfAnotherTransaction() {
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\n", "hi", "-------b8Gr31sY$"))
                .contains("end-line transaction id does not match"));
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\n", null, "-------b8Gr31sY$"))
                .contains("end-line transaction id does not match"));
    }

    @Test
    void refusesPathsOutOfOrder() {
        String text = "MSRP a7Fq20rX SEND\nFrom-Path: " + FROM + "\nTo-Path: " + TO + "\nMessage-ID: m-1x\n-------a7Fq20rX$\n";
        assertEquals("Bad MSRP: To-Path and From-Path must be the first headers, in that order", reason(text));
        String late = "MSRP a7Fq20rX SEND\nMessage-ID: m-1x\nTo-Path: " + TO + "\nFrom-Path: " + FROM + "\n-------a7Fq20rX$\n";
        assertTrue(reason(late).contains("first headers"));
    }

    @Test
    void refusesABodyContainingItsEndLine() {
        String body = "see -------a7Fq20rX$ here";
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\n", body, "-------a7Fq20rX$")).startsWith("Bad MSRP"));
        assertThrows(ProtocolException.class, () -> MsrpMessage.request("a7Fq20rX", "SEND").toPath(List.of(MsrpUri.parse(TO)))
                .fromPath(List.of(MsrpUri.parse(FROM))).header("Message-ID", "m-1x")
                .body(ContentType.TEXT_PLAIN, "x\r\n-------a7Fq20rX$".getBytes(StandardCharsets.US_ASCII)).build());
    }

    @Test
    void refusesStructuralFaults() {
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\n", "hi", "-------a7Fq20rX!")).contains("continuation flag"));
        assertTrue(reason(send("a7Fq20rX", "", "hi", "-------a7Fq20rX$")).contains("SEND without Message-ID"));
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\nByte-Range: 1-3/3\n", "hi", "-------a7Fq20rX$"))
                .contains("does not match the body length"));
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\nMessage-ID: m-2x\n", null, "-------a7Fq20rX$"))
                .contains("more than one Message-ID"));
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\nContent-Type: text/plain\n", null, "-------a7Fq20rX$"))
                .contains("Content-Type without a body"));
        assertTrue(reason("MSRP a7Fq20rX SEND\nTo-Path: " + TO + "\nFrom-Path: " + FROM + "\nMessage-ID: m-1x\nContent-Type: text/plain\nX-Late: 1\n\nhi\n-------a7Fq20rX$\n")
                .contains("Content-Type must be the last header"));
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\nSuccess-Report: maybe\n", null, "-------a7Fq20rX$"))
                .contains("Success-Report"));
        assertTrue(reason("MSRP a7Fq20rX REPORT\nTo-Path: " + TO + "\nFrom-Path: " + FROM + "\nMessage-ID: m-1x\nStatus: 200 OK\n-------a7Fq20rX$\n")
                .contains("Status"));
        assertTrue(reason("MSRP ab SEND\n-------ab$\n").contains("invalid transaction id"));
        assertTrue(reason("SIP/2.0 200 OK\n").contains("'MSRP '"));
        byte[] lf = send("a7Fq20rX", "Message-ID: m-1x\n", null, "-------a7Fq20rX$").getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpMessage.parse(lf)).reason().contains("CRLF"));
        byte[] trailing = crlf(send("a7Fq20rX", "Message-ID: m-1x\n", null, "-------a7Fq20rX$") + "x");
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpMessage.parse(trailing)).reason().contains("after the end-line"));
    }

    @Test
    void refusesOverlongLines() {
        String longValue = "x".repeat(MsrpMessage.MAX_LINE + 1);
        assertTrue(reason(send("a7Fq20rX", "Message-ID: m-1x\nX-Big: " + longValue + "\n", null, "-------a7Fq20rX$"))
                .contains("longer than"));
    }

    @Test
    void readsMultiHopPathsAndTheReportStatus() {
        MsrpMessage m = MsrpMessage.parse(crlf("MSRP r93kzz01 REPORT\nTo-Path: " + FROM + "\nFrom-Path: msrps://relay.example.net:2855/r1;tcp "
                + TO + "\nMessage-ID: m-1x\nStatus: 000 413 too large\n-------r93kzz01$\n"));
        assertEquals(2, m.fromPath().size());
        assertTrue(m.fromPath().get(0).secure());
        assertEquals(Optional.of("000 413 too large"), m.status());
    }

    @Test
    void byteRangeWithUnknownEndAndTotal() {
        ByteRange r = ByteRange.parse("2049-*/*");
        assertEquals(2049, r.start());
        assertEquals(OptionalLong.empty(), r.end());
        assertEquals(OptionalLong.empty(), r.total());
        assertEquals("2049-*/*", r.toString());
        assertThrows(ProtocolException.class, () -> ByteRange.parse("0-5/5"));
        assertThrows(ProtocolException.class, () -> ByteRange.parse("1-9/5"));
        assertThrows(ProtocolException.class, () -> ByteRange.parse("1-5"));
        assertThrows(ProtocolException.class, () -> ByteRange.parse("1-99999999999999999999/*"));
    }
}
