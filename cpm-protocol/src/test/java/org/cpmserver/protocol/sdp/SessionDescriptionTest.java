package org.cpmserver.protocol.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.msrp.MsrpUri;
import org.cpmserver.protocol.sdp.SessionDescription.Direction;
import org.cpmserver.protocol.sdp.SessionDescription.Media;
import org.junit.jupiter.api.Test;

class SessionDescriptionTest {

    private static final String HEAD = "v=0\no=carol 2208988800 2208988801 IN IP4 192.0.2.44\ns=-\nc=IN IP4 192.0.2.44\nt=0 0\n";

    private static SessionDescription sdp(String text) {
        return SessionDescription.parse(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(String text) {
        return assertThrows(ProtocolException.class, () -> sdp(text)).reason();
    }

    @Test
    void readsAnMsrpChatOffer() {
        SessionDescription s = sdp(HEAD + "m=message 12763 TCP/TLS/MSRP *\n"
                + "a=accept-types:message/cpim text/plain\na=accept-wrapped-types:*\n"
                + "a=path:msrps://192.0.2.44:12763/jshA7weztas;tcp\na=max-size:131072\na=setup:active\n");
        assertEquals("carol", s.origin().username());
        assertEquals("192.0.2.44", s.origin().address());
        assertEquals("-", s.sessionName());
        assertEquals("IN", s.connection().orElseThrow().networkType());
        Media m = s.media().get(0);
        assertTrue(m.isMsrp());
        assertEquals("message", m.media());
        assertEquals(12763, m.port());
        assertEquals("TCP/TLS/MSRP", m.protocol());
        assertEquals(List.of("*"), m.formats());
        assertEquals(List.of("message/cpim", "text/plain"), m.acceptTypes());
        assertEquals(List.of("*"), m.acceptWrappedTypes());
        assertEquals(List.of(MsrpUri.parse("msrps://192.0.2.44:12763/jshA7weztas;tcp")), m.path());
        assertEquals(OptionalLong.of(131072), m.maxSize());
        assertEquals(Optional.of("active"), m.setup());
        assertEquals(Direction.SENDRECV, m.direction());
        assertEquals(Optional.of("192.0.2.44"), m.connection().map(SessionDescription.Connection::address));
        assertEquals(Optional.empty(), m.fileSelector());
    }

    @Test
    void readsAFileTransferOffer() {
        SessionDescription s = sdp(HEAD + "m=message 7654 TCP/MSRP *\na=sendonly\na=accept-types:message/cpim\n"
                + "a=path:msrp://192.0.2.44:7654/ft1;tcp\n"
                + "a=file-selector:name:\"minutes%20draft.txt\" type:text/plain;charset=\"utf-8\" size:1222 hash:sha-1:0F:A1\n"
                + "a=file-transfer-id:Aq93hs8\na=file-disposition:attachment\na=file-range:1-1222\n");
        Media m = s.media().get(0);
        assertEquals(Direction.SENDONLY, m.direction());
        FileSelector f = m.fileSelector().orElseThrow();
        assertEquals(Optional.of("minutes%20draft.txt"), f.name());
        assertEquals(Optional.of("minutes draft.txt"), f.decodedName());
        assertEquals(Optional.of("text/plain;charset=\"utf-8\""), f.type());
        assertEquals(OptionalLong.of(1222), f.size());
        assertEquals(Optional.of("sha-1"), f.hashAlgorithm());
        assertEquals(Optional.of("0F:A1"), f.hash());
        assertEquals(Optional.of("Aq93hs8"), m.fileTransferId());
        assertEquals(Optional.of("attachment"), m.fileDisposition());
        assertEquals(new SessionDescription.FileRange(1, OptionalLong.of(1222)), m.fileRange().orElseThrow());
    }

    @Test
    void mediaInheritsTheSessionDirectionAndConnection() {
        SessionDescription s = sdp("v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\na=recvonly\na=setup:passive\n"
                + "m=message 1 TCP/MSRP *\na=path:msrp://192.0.2.1:1/x;tcp\n");
        assertEquals(Direction.RECVONLY, s.direction());
        assertEquals(Direction.RECVONLY, s.media().get(0).direction());
        assertEquals(Optional.of("passive"), s.media().get(0).setup());
        assertEquals(Optional.of("192.0.2.1"), s.media().get(0).connection().map(SessionDescription.Connection::address));
    }

    @Test
    void writesCrlfAndReadsBack() {
        byte[] lf = (HEAD + "m=message 1 TCP/MSRP *\na=path:msrp://h:1/x;tcp\n").getBytes(StandardCharsets.UTF_8);
        SessionDescription s = SessionDescription.parse(lf);
        String written = new String(s.toBytes(), StandardCharsets.UTF_8);
        assertEquals(HEAD.replace("\n", "\r\n") + "m=message 1 TCP/MSRP *\r\na=path:msrp://h:1/x;tcp\r\n", written);
        assertEquals(s, SessionDescription.parse(s.toBytes()));
    }

    @Test
    void buildsFromLinesWithTheSameChecks() {
        List<SessionDescription.Line> lines = List.of(new SessionDescription.Line('v', "0"),
                new SessionDescription.Line('o', "- 1 1 IN IP4 192.0.2.1"), new SessionDescription.Line('s', "-"),
                new SessionDescription.Line('c', "IN IP4 192.0.2.1"), new SessionDescription.Line('t', "0 0"),
                new SessionDescription.Line('m', "message 9 TCP/MSRP *"), new SessionDescription.Line('a', "sendrecv"));
        SessionDescription s = SessionDescription.of(lines);
        assertEquals(lines, s.lines());
        assertThrows(ProtocolException.class, () -> SessionDescription.of(List.of(new SessionDescription.Line('v', "0\r\nx=1"))));
    }

    @Test
    void acceptsRepeatedTimeDescriptionsWithRepeats() {
        SessionDescription s = sdp("v=0\no=- 1 1 IN IP4 h\ns=-\nt=1 2\nr=7d 1h 0\nt=3 4\nm=message 1 TCP/MSRP *\nc=IN IP4 h\n");
        assertEquals(1, s.media().size());
    }

    @Test
    void refusesStructuralFaults() {
        assertEquals("Bad SDP: the first line must be v=", reason("o=- 1 1 IN IP4 h\nv=0\ns=-\nt=0 0\n"));
        assertEquals("Bad SDP: o= must follow v=", reason("v=0\ns=-\no=- 1 1 IN IP4 h\nt=0 0\n"));
        assertTrue(reason("v=0\no=- 1 1 IN IP4 h\ns=-\n").contains("missing t="));
        assertTrue(reason(HEAD + "a=x\nc=IN IP4 h\n").contains("out of order"));
        assertTrue(reason(HEAD + "s=again\n").contains("out of order"));
        assertTrue(reason("v=0\no=- 1 1 IN IP4 h\ns=-\nc=IN IP4 h\nc=IN IP4 h\nt=0 0\n").contains("more than one c="));
        assertTrue(reason("v=0\no=- 1 1 IN IP4 h\ns=-\nr=7d 1h 0\nt=0 0\n").contains("out of order"));
        assertTrue(reason(HEAD + "\nm=message 1 TCP/MSRP *\n").contains("empty line"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=x\nc=IN IP4 h\n").contains("out of order"));
        assertTrue(reason(HEAD + "x=unknown\n").contains("unexpected x="));
        assertTrue(reason(HEAD + "A=1\n").contains("type=value"));
        assertTrue(reason("v=1\no=- 1 1 IN IP4 h\ns=-\nt=0 0\n").contains("version"));
        assertTrue(reason("v=0\no=- x 1 IN IP4 h\ns=-\nt=0 0\n").contains("o="));
        assertTrue(reason("v=0\no=- 1 1 IN IP4 h\ns=\nt=0 0\n").contains("empty s="));
        assertTrue(reason("v=0\no=- 1 1 IN IP4 h\ns=-\nt=0\n").contains("t="));
        assertTrue(reason("v=0\no=- 1 1 IN IP4 h\ns=-\nt=0 0\nm=message 1 TCP/MSRP *\n").contains("without c="));
    }

    @Test
    void refusesBadMediaAndAttributes() {
        assertTrue(reason(HEAD + "m=message 70000 TCP/MSRP *\n").contains("port"));
        assertTrue(reason(HEAD + "m=audio 1 TCP/MSRP *\n").contains("MSRP media"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP\n").contains("m="));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=path:msrp://h:1/x;tcp\na=path:msrp://h:1/y;tcp\n")
                .contains("more than one a=path"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=path:http://h/x\n").startsWith("Bad SDP: a=path: scheme"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=accept-types:text\n").contains("accept-types"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=max-size:big\n").contains("max-size"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=setup:later\n").contains("setup"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=sendonly\na=recvonly\n").contains("direction"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=sendonly:yes\n").contains("takes no value"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-range:5-4\n").contains("file-range"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-transfer-id:a b\n").contains("file-transfer-id"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-selector:name:\"x\" name:\"y\"\n").contains("name"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-selector:name:\"a%zz\"\n").contains("escape"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-selector:size:12  type:a/b\n").contains("one space"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-selector:hash:sha-1:XYZ\n").contains("hash"));
        assertTrue(reason(HEAD + "m=message 1 TCP/MSRP *\na=file-selector:colour:red\n").contains("unknown"));
    }

    @Test
    void refusesOversizedInput() {
        assertTrue(assertThrows(ProtocolException.class, () -> SessionDescription.parse(new byte[SessionDescription.MAX_BYTES + 1]))
                .reason().contains("larger than"));
        StringBuilder many = new StringBuilder(HEAD);
        for (int i = 0; i < SessionDescription.MAX_LINES; i++) {
            many.append("a=x\n");
        }
        assertTrue(reason(many.toString()).contains("more than"));
        assertTrue(reason(HEAD + "a=" + "x".repeat(SessionDescription.MAX_LINE_LENGTH) + "\n").contains("longer than"));
        assertThrows(ProtocolException.class, () -> SessionDescription.parse(new byte[] {'v', '=', '0', (byte) 0xC3}));
    }

    @Test
    void lastLineBreakIsOptionalButNoBareCr() {
        assertFalse(sdp(HEAD.strip()).lines().isEmpty());
        assertThrows(ProtocolException.class,
                () -> SessionDescription.parse(HEAD.replace("\n", "\r").getBytes(StandardCharsets.UTF_8)));
    }
}
