package org.cpmserver.protocol.cpim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CpimParserTest {

    /** Joins lines with CRLF. */
    static String crlf(String... lines) {
        return String.join("\r\n", lines);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** What RCS clients send for a one-to-one chat message. */
    static final String RCS_MESSAGE = crlf(
            "From: <sip:anonymous@anonymous.invalid>",
            "To: <sip:anonymous@anonymous.invalid>",
            "NS: imdn <urn:ietf:params:imdn>",
            "imdn.Message-ID: Wnbpm2jCDvVYKwmbRx0v",
            "DateTime: 2024-04-22T10:15:30.000Z",
            "imdn.Disposition-Notification: positive-delivery, display",
            "",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Length: 5",
            "",
            "hello");

    @Test
    void readsWhatRcsClientsSend() {
        CpimMessage m = CpimParser.parse(bytes(RCS_MESSAGE));
        assertEquals(CpimAddress.ANONYMOUS, m.from());
        assertEquals(List.of(CpimAddress.ANONYMOUS), m.to());
        assertEquals(List.of(), m.cc());
        assertEquals(Map.of("imdn", "urn:ietf:params:imdn"), m.namespaces());
        assertEquals(Optional.of("Wnbpm2jCDvVYKwmbRx0v"), m.imdnMessageId());
        assertEquals(Optional.of("positive-delivery, display"), m.imdnHeader("Disposition-Notification"));
        assertEquals(Optional.of(OffsetDateTime.of(2024, 4, 22, 10, 15, 30, 0, ZoneOffset.UTC)), m.dateTime());
        assertEquals(ContentType.parse("text/plain;charset=utf-8"), m.contentType());
        assertTrue(m.contentHeaders().isEmpty());
        assertEquals("hello", m.bodyText());
        assertArrayEquals(bytes("hello"), m.body());
        assertEquals(6, m.headers().size());
        assertEquals("imdn.Message-ID", m.headers().get(3).qualifiedName());
    }

    @Test
    void acceptsBareLineFeeds() {
        CpimMessage lf = CpimParser.parse(bytes(RCS_MESSAGE.replace("\r\n", "\n")));
        assertEquals(CpimParser.parse(bytes(RCS_MESSAGE)), lf);
    }

    @Test
    void readsTheRfc3862StyleHeaders() {
        // paraphrasing the examples of RFC 3862: display names, several To, cc, Subject with a
        // language parameter, a private namespace and Require
        String msg = crlf(
                "From: MR SANDERS <im:piglet@100akerwood.com>",
                "To: Depressed Donkey <im:eeyore@100akerwood.com>",
                "To: \"Owl\" <im:owl@100akerwood.com>",
                "cc: <im:kanga@100akerwood.com>",
                "DateTime: 2000-12-13T13:40:00-08:00",
                "Subject: the weather will be fine today",
                "Subject:;lang=fr beau temps prevu pour aujourd'hui",
                "NS: MyFeatures <mid:MessageFeatures@id.foo.com>",
                "Require: MyFeatures.VitalMessageOption",
                "MyFeatures.VitalMessageOption: Confirmation-requested",
                "MyFeatures.WackyMessageOption: Use-silly-font",
                "",
                "Content-type: text/xml; charset=utf-8",
                "Content-ID: <1234567890@foo.com>",
                "",
                "<body>Here is the text of my message.</body>");
        CpimMessage m = CpimParser.parse(bytes(msg));
        assertEquals(CpimAddress.of("MR SANDERS", "im:piglet@100akerwood.com"), m.from());
        assertEquals(List.of(CpimAddress.of("Depressed Donkey", "im:eeyore@100akerwood.com"),
                CpimAddress.of("Owl", "im:owl@100akerwood.com")), m.to());
        assertEquals(List.of(CpimAddress.of("im:kanga@100akerwood.com")), m.cc());
        assertEquals(Optional.of(OffsetDateTime.of(2000, 12, 13, 13, 40, 0, 0, ZoneOffset.ofHours(-8))), m.dateTime());
        assertEquals(Optional.of("the weather will be fine today"), m.subject());
        CpimHeader french = m.headers().get(6);
        assertEquals(Map.of("lang", "fr"), french.parameters());
        assertEquals("beau temps prevu pour aujourd'hui", french.value());
        assertEquals(List.of("the weather will be fine today", "beau temps prevu pour aujourd'hui"),
                m.headers(CpimMessage.CPIM_NAMESPACE, "subject"));
        assertEquals(List.of("MyFeatures.VitalMessageOption"), m.require());
        assertEquals(Optional.of("Confirmation-requested"),
                m.header("mid:MessageFeatures@id.foo.com", "VitalMessageOption"));
        assertEquals(Optional.empty(), m.header(CpimMessage.CPIM_NAMESPACE, "VitalMessageOption"));
        assertEquals(Optional.of("<1234567890@foo.com>"), m.contentHeaders().first("content-id"));
        assertTrue(m.contentType().is("text/xml"));
        assertEquals("<body>Here is the text of my message.</body>", m.bodyText());
    }

    @Test
    void namesAreMatchedIgnoringCaseAndSpaceAfterTheColonIsOptional() {
        String msg = crlf("from:<sip:a@b>", "TO:   <sip:c@d>  ", "datetime: 2024-04-22T10:15:30Z",
                "NS: i <urn:ietf:params:imdn>", "i.message-id:x1", "", "content-type:text/plain", "", "x");
        CpimMessage m = CpimParser.parse(bytes(msg));
        assertEquals("sip:a@b", m.from().uri());
        assertEquals("sip:c@d", m.to().get(0).uri());
        assertTrue(m.dateTime().isPresent());
        assertEquals(Optional.of("x1"), m.imdnMessageId());
    }

    @Test
    void namespaceDeclarationsMayFollowTheirUse() {
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "imdn.Message-ID: 42", "NS: imdn <urn:ietf:params:imdn>",
                "", "Content-Type: text/plain", "", "x");
        assertEquals(Optional.of("42"), CpimParser.parse(bytes(msg)).imdnMessageId());
    }

    @Test
    void repeatedIdenticalNamespaceDeclarationsAreHarmless() {
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "NS: imdn <urn:ietf:params:imdn>",
                "NS: imdn <urn:ietf:params:imdn>", "NS: <urn:ietf:params:cpim-headers:>", "",
                "Content-Type: text/plain", "", "x");
        assertEquals(Map.of("imdn", "urn:ietf:params:imdn"), CpimParser.parse(bytes(msg)).namespaces());
    }

    @Test
    void withoutContentLengthTheContentIsEverythingLeft() {
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: text/plain", "", "line1", "line2", "");
        assertEquals("line1\r\nline2\r\n", CpimParser.parse(bytes(msg)).bodyText());
    }

    @Test
    void contentLengthCountsBytesAndOneTrailingLineBreakIsTolerated() {
        String body = "h\u00e9llo \uD83D\uDE00"; // 6 + 1 + 4 bytes
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: text/plain;charset=UTF-8",
                "Content-Length: 11", "", body);
        assertEquals(body, CpimParser.parse(bytes(msg)).bodyText());
        assertEquals(body, CpimParser.parse(bytes(msg + "\r\n")).bodyText());
        assertEquals(body, CpimParser.parse(bytes(msg + "\n")).bodyText());
    }

    @Test
    void contentMayContainBlankLinesAndCpimLookalikes() {
        String body = "From: <sip:x@y>\r\n\r\nContent-Type: a/b\r\n\r\n";
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: message/cpim",
                "Content-Length: " + body.length(), "", body);
        assertEquals(body, CpimParser.parse(bytes(msg)).bodyText());
    }

    @Test
    void contentHeadersMayBeFolded() {
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: text/plain;", " charset=utf-8",
                "Content-Disposition: notification", "", "x");
        CpimMessage m = CpimParser.parse(bytes(msg));
        assertEquals(ContentType.parse("text/plain;charset=utf-8"), m.contentType());
        assertEquals(Optional.of("notification"), m.contentHeaders().first("Content-Disposition"));
    }

    @Test
    void anEmptyBodyIsFine() {
        String msg = crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: text/plain", "Content-Length: 0", "", "");
        assertEquals(0, CpimParser.parse(bytes(msg)).bodyLength());
    }

    @Test
    void bodyTextHonoursTheCharset() {
        byte[] latin1 = "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        byte[] head = bytes(crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: text/plain;charset=ISO-8859-1", "", ""));
        byte[] all = new byte[head.length + latin1.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(latin1, 0, all, head.length, latin1.length);
        assertEquals("caf\u00e9", CpimParser.parse(all).bodyText());
        String unknown = crlf("From: <sip:a@b>", "To: <sip:c@d>", "", "Content-Type: text/plain;charset=x-nope", "", "x");
        assertEquals("Bad CPIM: unsupported charset 'x-nope'",
                assertThrows(ProtocolException.class, () -> CpimParser.parse(bytes(unknown)).bodyText()).reason());
    }

    static Stream<Arguments> malformed() {
        String from = "From: <sip:a@b>";
        String to = "To: <sip:c@d>";
        String ct = "Content-Type: text/plain";
        return Stream.of(
                Arguments.of("empty input", "", "missing blank line after message headers"),
                Arguments.of("no blank line at all", crlf(from, to), "missing blank line after message headers"),
                Arguments.of("content headers glued to message headers", crlf(from, to, ct, "", "x"),
                        "missing blank line after message headers"),
                Arguments.of("content headers glued, lower case", crlf(from, to, "content-type: text/plain", "", "x"),
                        "missing blank line after message headers"),
                Arguments.of("starts with the blank line", crlf("", ct, "", "x"), "no message headers"),
                Arguments.of("no content part", crlf(from, to, "", ""), "missing encapsulated content"),
                Arguments.of("no blank line after content headers", crlf(from, to, "", ct, "Content-Length: 1"),
                        "missing blank line after content headers"),
                Arguments.of("no Content-Type", crlf(from, to, "", "Content-ID: <x@y>", "", "x"),
                        "missing Content-Type in the encapsulated content"),
                Arguments.of("empty content headers", crlf(from, to, "", "", "x"),
                        "missing Content-Type in the encapsulated content"),
                Arguments.of("two Content-Types", crlf(from, to, "", ct, ct, "", "x"), "more than one Content-Type header"),
                Arguments.of("malformed Content-Type", crlf(from, to, "", "Content-Type: text", "", "x"),
                        "Content-Type has no subtype"),
                Arguments.of("Content-Length too small", crlf(from, to, "", ct, "Content-Length: 3", "", "hello"),
                        "Content-Length 3 does not match the content length 5"),
                Arguments.of("Content-Length too large", crlf(from, to, "", ct, "Content-Length: 9", "", "hello"),
                        "Content-Length 9 does not match the content length 5"),
                Arguments.of("Content-Length with two extra line breaks",
                        crlf(from, to, "", ct, "Content-Length: 5", "", "hello", "", ""),
                        "Content-Length 5 does not match the content length 9"),
                Arguments.of("Content-Length not a number", crlf(from, to, "", ct, "Content-Length: five", "", "hello"),
                        "invalid Content-Length 'five'"),
                Arguments.of("Content-Length negative", crlf(from, to, "", ct, "Content-Length: -5", "", "hello"),
                        "invalid Content-Length '-5'"),
                Arguments.of("Content-Length huge", crlf(from, to, "", ct, "Content-Length: 99999999999", "", "hello"),
                        "invalid Content-Length '99999999999'"),
                Arguments.of("two Content-Lengths", crlf(from, to, "", ct, "Content-Length: 5", "Content-Length: 5", "", "hello"),
                        "more than one Content-Length header"),
                Arguments.of("unknown prefix", crlf(from, to, "imdn.Message-ID: x", "", ct, "", "x"),
                        "unknown namespace prefix 'imdn'"),
                Arguments.of("prefix bound twice", crlf(from, to, "NS: a <urn:x>", "NS: a <urn:y>", "", ct, "", "x"),
                        "NS prefix 'a' bound to two namespaces"),
                Arguments.of("default namespace", crlf(from, to, "NS: <urn:x>", "", ct, "", "x"),
                        "NS header without a prefix is not supported"),
                Arguments.of("NS without brackets", crlf(from, to, "NS: imdn urn:ietf:params:imdn", "", ct, "", "x"),
                        "NS header must be 'prefix <uri>': 'imdn urn:ietf:params:imdn'"),
                Arguments.of("NS with a bad prefix", crlf(from, to, "NS: a.b <urn:x>", "", ct, "", "x"),
                        "invalid NS prefix 'a.b'"),
                Arguments.of("NS with no URI", crlf(from, to, "NS: a <>", "", ct, "", "x"), "NS header has no URI: 'a <>'"),
                Arguments.of("no From", crlf(to, "", ct, "", "x"), "missing From header"),
                Arguments.of("two Froms", crlf(from, from, to, "", ct, "", "x"), "more than one From header"),
                Arguments.of("no To", crlf(from, "", ct, "", "x"), "missing To header"),
                Arguments.of("bare URI in From", crlf("From: sip:a@b", to, "", ct, "", "x"),
                        "address must end with '>': 'sip:a@b'"),
                Arguments.of("bad To", crlf(from, "To: <not a uri>", "", ct, "", "x"),
                        "not a URI in angle brackets: '<not a uri>'"),
                Arguments.of("bad cc", crlf(from, to, "cc: Bob", "", ct, "", "x"), "address must end with '>': 'Bob'"),
                Arguments.of("bad DateTime", crlf(from, to, "DateTime: 22/04/2024 10:15", "", ct, "", "x"),
                        "DateTime is not an RFC 3339 date-time: '22/04/2024 10:15'"),
                Arguments.of("two DateTimes", crlf(from, to, "DateTime: 2024-04-22T10:15:30Z", "DateTime: 2024-04-22T10:15:30Z",
                        "", ct, "", "x"), "more than one DateTime header"),
                Arguments.of("bad Require", crlf(from, to, "Require: a b", "", ct, "", "x"),
                        "Require lists an invalid header name 'a b'"),
                Arguments.of("empty Require item", crlf(from, to, "Require: a,,b", "", ct, "", "x"),
                        "Require lists an invalid header name ''"),
                Arguments.of("folded message header", crlf(from, to, "Subject: long", " continued", "", ct, "", "x"),
                        "folded (continuation) line in message headers"),
                Arguments.of("no colon", crlf(from, to, "Subject", "", ct, "", "x"),
                        "message header line without a colon: 'Subject'"),
                Arguments.of("two dots in a name", crlf(from, to, "a.b.c: x", "", ct, "", "x"), "invalid header name 'a.b.c'"),
                Arguments.of("space in a name", crlf(from, to, "Sub ject: x", "", ct, "", "x"), "invalid header name 'Sub ject'"),
                Arguments.of("empty name", crlf(from, to, ": x", "", ct, "", "x"), "invalid header name ''"),
                Arguments.of("empty prefix", crlf(from, to, ".x: y", "", ct, "", "x"), "invalid header name '.x'"),
                Arguments.of("control character", crlf(from, to, "Subject: a\u0000b", "", ct, "", "x"),
                        "control character in a message header line"),
                Arguments.of("control character in a parameter", crlf(from, to, "Subject:;a=\"\u0007\" x", "", ct, "", "x"),
                        "control character in a message header line"),
                Arguments.of("bare CR", from + "\r" + to + "\r\n\r\n" + ct + "\r\n\r\nx",
                        "carriage return without line feed in a header line"),
                Arguments.of("malformed parameter", crlf(from, to, "Subject:;lang x", "", ct, "", "x"),
                        "malformed parameter in header 'Subject'"),
                Arguments.of("empty parameter value", crlf(from, to, "Subject:;lang= x", "", ct, "", "x"),
                        "empty parameter value in header 'Subject'"),
                Arguments.of("unterminated quoted parameter", crlf(from, to, "Subject:;lang=\"fr x", "", ct, "", "x"),
                        "unterminated quoted parameter in header 'Subject'"),
                Arguments.of("repeated parameter", crlf(from, to, "Subject:;lang=fr;lang=de x", "", ct, "", "x"),
                        "repeated parameter in header 'Subject'"),
                Arguments.of("no space after parameters", crlf(from, to, "Subject:;lang=fr\"x\"", "", ct, "", "x"),
                        "expected a space after the parameters of 'Subject'"),
                Arguments.of("control character in content header", crlf(from, to, "", ct, "Content-ID: a\u0001", "", "x"),
                        "control character in header 'Content-ID'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void refusesWithAReasonFitForASipResponse(String what, String message, String detail) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CpimParser.parse(bytes(message)));
        assertEquals("Bad CPIM: " + detail, e.reason());
        assertEquals(400, e.statusCode());
    }

    @Test
    void refusesHeadersThatAreNotUtf8() {
        byte[] msg = bytes(crlf("From: <sip:a@b>", "To: <sip:c@d>", "Subject: X", "", "Content-Type: text/plain", "", "x"));
        int x = new String(msg, StandardCharsets.UTF_8).indexOf("Subject: X") + 9;
        msg[x] = (byte) 0xFF;
        assertEquals("Bad CPIM: header line is not valid UTF-8",
                assertThrows(ProtocolException.class, () -> CpimParser.parse(msg)).reason());
    }
}
