package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class ContentEncodingTest {

    private static final byte[] IMDN = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><imdn xmlns=\"urn:ietf:params:xml:ns:imdn\">"
            + "<message-id>abc</message-id><datetime>2026-12-04T10:00:00Z</datetime>"
            + "<delivery-notification><status><delivered/></status></delivery-notification></imdn>")
            .getBytes(StandardCharsets.UTF_8);

    private static byte[] zlib(byte[] in, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(in);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(in);
        }
        return out.toByteArray();
    }

    @Test
    void noCodingLeavesTheBodyAlone() {
        assertSame(IMDN, ContentEncoding.decode(null, IMDN, 10_000));
        assertSame(IMDN, ContentEncoding.decode("identity", IMDN, 10_000));
        assertEquals(List.of(), ContentEncoding.codings(" "));
    }

    @Test
    void deflateInTheZlibFormatAsLiblinphoneSendsIt() throws IOException {
        assertArrayEquals(IMDN, ContentEncoding.decode("deflate", zlib(IMDN, false), 10_000));
    }

    @Test
    void rawDeflateUnderTheNameDeflate() throws IOException {
        assertArrayEquals(IMDN, ContentEncoding.decode("Deflate", zlib(IMDN, true), 10_000));
    }

    @Test
    void gzip() throws IOException {
        assertArrayEquals(IMDN, ContentEncoding.decode("gzip", gzip(IMDN), 10_000));
        assertArrayEquals(IMDN, ContentEncoding.decode("x-gzip", gzip(IMDN), 10_000));
    }

    @Test
    void severalCodingsAreUndoneLastFirst() throws IOException {
        assertArrayEquals(IMDN, ContentEncoding.decode("deflate, gzip", gzip(zlib(IMDN, false)), 10_000));
    }

    @Test
    void unknownCodingIs415NamingWhatIsAccepted() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContentEncoding.decode("br", IMDN, 10_000));
        assertEquals(415, e.statusCode());
        assertEquals(true, e.reason().contains(ContentEncoding.ACCEPTED));
    }

    @Test
    void aBombStopsAtTheLimit() throws IOException {
        byte[] zeros = new byte[5_000_000];
        byte[] bomb = gzip(zeros);
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContentEncoding.decode("gzip", bomb, 64_000));
        assertEquals(413, e.statusCode());
    }

    @Test
    void dataNotInTheClaimedCodingIs400() {
        assertEquals(400, assertThrows(ProtocolException.class,
                () -> ContentEncoding.decode("gzip", IMDN, 10_000)).statusCode());
        assertEquals(400, assertThrows(ProtocolException.class,
                () -> ContentEncoding.decode("deflate", new byte[] {1, 2, 3, 4, 5, 6, 7}, 10_000)).statusCode());
    }
}
