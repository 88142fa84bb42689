package org.cpmserver.protocol.cpim;

import static org.cpmserver.protocol.cpim.CpimParserTest.bytes;
import static org.cpmserver.protocol.cpim.CpimParserTest.crlf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Test;

class CpimWriterTest {

    private static final OffsetDateTime WHEN = OffsetDateTime.of(2024, 4, 22, 10, 15, 30, 0, ZoneOffset.UTC);

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void writesHeadersInOrderThenContentWithComputedLength() {
        CpimMessage m = CpimMessage.builder()
                .from(CpimAddress.of("Al\u00efce", "sip:alice@example.com"))
                .to(CpimAddress.of("sip:bob@example.com"))
                .imdn("Message-ID", "Wnbpm2jCDvVYKwmbRx0v")
                .dateTime(WHEN)
                .imdn("Disposition-Notification", "positive-delivery, display")
                .text("h\u00e9llo")
                .build();
        String expected = crlf(
                "From: \"Al\u00efce\" <sip:alice@example.com>",
                "To: <sip:bob@example.com>",
                "NS: imdn <urn:ietf:params:imdn>",
                "imdn.Message-ID: Wnbpm2jCDvVYKwmbRx0v",
                "DateTime: 2024-04-22T10:15:30Z",
                "imdn.Disposition-Notification: positive-delivery, display",
                "",
                "Content-Type: text/plain;charset=UTF-8",
                "Content-Length: 6",
                "",
                "h\u00e9llo");
        assertEquals(expected, text(CpimWriter.write(m)));
    }

    @Test
    void roundTripsEverything() {
        CpimMessage m = CpimMessage.builder()
                .from(CpimAddress.of("sip:a@b"))
                .to(CpimAddress.of("Bob \"B\"", "sip:bob@b"))
                .to(CpimAddress.of("tel:+15551234567"))
                .cc(CpimAddress.of("sip:c@d"))
                .subject(" hi there ")
                .header(CpimHeader.of(null, "Subject", Map.of("lang", "fr"), "salut"))
                .header(CpimHeader.of(null, "Subject", Map.of("x", "needs quoting"), "y"))
                .namespace("my", "urn:example:features")
                .header(CpimHeader.of("my", "Flag", ""))
                .header(CpimHeader.of("Require", "my.Flag"))
                .dateTime(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 123_000_000, ZoneOffset.ofHours(2)))
                .contentType(ContentType.parse("application/octet-stream"))
                .contentHeader("Content-ID", "<x@y>")
                .contentHeader("Content-Disposition", "attachment")
                .body(new byte[] {0, 1, 2, '\r', '\n', '\r', '\n', (byte) 0xFF})
                .build();
        byte[] wire = CpimWriter.write(m);
        CpimMessage back = CpimParser.parse(wire);
        assertEquals(m, back);
        assertEquals(m.hashCode(), back.hashCode());
        assertEquals(text(wire), text(CpimWriter.write(back)));
        assertTrue(text(wire).contains("\r\nSubject:;x=\"needs quoting\" y\r\n"));
        assertTrue(text(wire).contains("\r\nmy.Flag: \r\n"));
        assertEquals(Optional.of("hi there"), back.subject());
        assertEquals(List.of("my.Flag"), back.require());
    }

    @Test
    void rewritingAParsedMessageNormalisesOnlyTheSpelling() {
        CpimMessage parsed = CpimParser.parse(bytes(CpimParserTest.RCS_MESSAGE));
        String written = text(CpimWriter.write(parsed));
        assertEquals(CpimParserTest.RCS_MESSAGE.replace("text/plain; charset=utf-8", "text/plain;charset=utf-8"), written);
    }

    @Test
    void builderReplacesFromAndDateTimeInPlace() {
        CpimMessage original = CpimParser.parse(bytes(CpimParserTest.RCS_MESSAGE));
        CpimMessage rewritten = original.toBuilder()
                .from(CpimAddress.of("Alice", "sip:+15551234567@example.com"))
                .dateTime(WHEN.plusSeconds(1))
                .build();
        assertEquals("From: \"Alice\" <sip:+15551234567@example.com>", rewritten.headers().get(0).toString());
        assertEquals("DateTime: 2024-04-22T10:15:31Z", rewritten.headers().get(4).toString());
        assertEquals(original.headers().size(), rewritten.headers().size());
        assertEquals(original.to(), rewritten.to());
        assertNotEquals(original, rewritten);
    }

    @Test
    void builderDeclaresTheImdnNamespaceOnceAndReusesAnExistingPrefix() {
        CpimMessage m = CpimMessage.builder().from(CpimAddress.ANONYMOUS).to(CpimAddress.ANONYMOUS)
                .imdn("Message-ID", "1").imdn("Disposition-Notification", "display")
                .namespace("imdn", CpimMessage.IMDN_NAMESPACE)
                .text("x").build();
        assertEquals(1, m.headers().stream().filter(h -> h.name().equals("NS")).count());
        CpimMessage custom = CpimMessage.builder().from(CpimAddress.ANONYMOUS).to(CpimAddress.ANONYMOUS)
                .namespace("i", CpimMessage.IMDN_NAMESPACE).imdn("Message-ID", "2").text("x").build();
        assertEquals("i.Message-ID", custom.headers().get(3).qualifiedName());
        assertEquals(Optional.of("2"), custom.imdnMessageId());
    }

    @Test
    void builderCanRemoveHeaders() {
        CpimMessage m = CpimParser.parse(bytes(CpimParserTest.RCS_MESSAGE)).toBuilder()
                .removeHeaders("imdn", "disposition-notification")
                .removeHeaders("datetime")
                .build();
        assertEquals(Optional.empty(), m.imdnHeader("Disposition-Notification"));
        assertEquals(Optional.empty(), m.dateTime());
        assertEquals(Optional.of("Wnbpm2jCDvVYKwmbRx0v"), m.imdnMessageId());
    }

    @Test
    void builtMessagesObeyTheSameRulesAsParsedOnes() {
        assertEquals("Bad CPIM: missing From header", assertThrows(ProtocolException.class,
                () -> CpimMessage.builder().to(CpimAddress.ANONYMOUS).text("x").build()).reason());
        assertEquals("Bad CPIM: missing To header", assertThrows(ProtocolException.class,
                () -> CpimMessage.builder().from(CpimAddress.ANONYMOUS).text("x").build()).reason());
        assertEquals("Bad CPIM: unknown namespace prefix 'imdn'", assertThrows(ProtocolException.class,
                () -> CpimMessage.builder().from(CpimAddress.ANONYMOUS).to(CpimAddress.ANONYMOUS)
                        .header(CpimHeader.of("imdn", "Message-ID", "x")).text("x").build()).reason());
        assertThrows(NullPointerException.class,
                () -> CpimMessage.builder().from(CpimAddress.ANONYMOUS).to(CpimAddress.ANONYMOUS).build());
    }

    @Test
    void refusesValuesThatWouldBreakTheFraming() {
        CpimMessage.Builder b = CpimMessage.builder();
        assertThrows(IllegalArgumentException.class, () -> b.contentHeader("Content-Length", "3"));
        assertThrows(IllegalArgumentException.class, () -> b.contentHeader("content-type", "a/b"));
        assertThrows(IllegalArgumentException.class, () -> b.contentHeader("X", "a\r\nFrom: <sip:evil@x>"));
        assertThrows(IllegalArgumentException.class, () -> b.subject("a\r\nFrom: <sip:evil@x>"));
        assertThrows(IllegalArgumentException.class, () -> CpimHeader.of("a.b", "x"));
        assertThrows(IllegalArgumentException.class, () -> CpimHeader.of("bad prefix", "x", "y"));
        assertThrows(IllegalArgumentException.class, () -> CpimHeader.of(null, "x", Map.of("p", "a\nb"), "y"));
        assertThrows(IllegalArgumentException.class, () -> CpimHeader.of("x", " padded"));
        assertThrows(IllegalArgumentException.class, () -> b.namespace("p", "not a uri"));
    }

    @Test
    void bodyIsCopiedInAndOut() {
        byte[] content = bytes("abc");
        CpimMessage m = CpimMessage.builder().from(CpimAddress.ANONYMOUS).to(CpimAddress.ANONYMOUS)
                .contentType(ContentType.TEXT_PLAIN).body(content).build();
        content[0] = 'z';
        m.body()[1] = 'z';
        assertEquals("abc", m.bodyText());
    }
}
