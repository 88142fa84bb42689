package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DigestCredentialsTest {

    private static final String FULL = "Digest username=\"alice@cpm.example.com\", realm=\"cpm.example.com\","
            + " nonce=\"abc\", uri=\"sip:cpm.example.com\", response=\"0123456789abcdef0123456789abcdef\","
            + " algorithm=SHA-256, cnonce=\"0a4f113b\", opaque=\"op\", qop=auth, nc=0000000a";

    private static final String MINIMAL = "Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"sip:r\", response=\"ab\"";

    @Test
    void readsEveryParameter() {
        DigestCredentials c = DigestCredentials.parse(FULL);
        assertEquals("alice@cpm.example.com", c.username());
        assertEquals("cpm.example.com", c.realm());
        assertEquals("abc", c.nonce());
        assertEquals("sip:cpm.example.com", c.uri());
        assertEquals("0123456789abcdef0123456789abcdef", c.response());
        assertEquals("SHA-256", c.algorithmToken());
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), c.algorithm());
        assertEquals(Optional.of("0a4f113b"), c.cnonce());
        assertEquals(Optional.of("op"), c.opaque());
        assertEquals(Optional.of("auth"), c.qop());
        assertEquals(Optional.of("0000000a"), c.nc());
        assertEquals(OptionalLong.of(10), c.nonceCount());
        assertTrue(c.otherParameters().isEmpty());
    }

    @Test
    void withoutQopTheOptionalPartsAreEmptyAndAlgorithmDefaultsToMd5() {
        DigestCredentials c = DigestCredentials.parse(MINIMAL);
        assertEquals("MD5", c.algorithmToken());
        assertEquals(Optional.of(DigestAlgorithm.MD5), c.algorithm());
        assertTrue(c.qop().isEmpty());
        assertTrue(c.cnonce().isEmpty());
        assertTrue(c.nc().isEmpty());
        assertTrue(c.nonceCount().isEmpty());
        assertTrue(c.opaque().isEmpty());
    }

    @Test
    void namesAndSchemeAreCaseInsensitiveValuesAreNot() {
        DigestCredentials c = DigestCredentials.parse(
                "dIGEST UserName=\"Alice\", REALM=\"Realm\", Nonce=\"N\", URI=\"sip:R\", Response=\"AB\", ALGORITHM=sha-256");
        assertEquals("Alice", c.username());
        assertEquals("Realm", c.realm());
        assertEquals("N", c.nonce());
        assertEquals("sip:R", c.uri());
        assertEquals("ab", c.response(), "response hex is normalised to lower case");
        assertEquals("sha-256", c.algorithmToken());
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), c.algorithm());
    }

    @Test
    void toleratesWhitespaceAroundSeparatorsAndTabs() {
        DigestCredentials c = DigestCredentials.parse(
                "  Digest\tusername = \"u\" ,realm=\"r\"\t,\tnonce =\"n\",uri= \"sip:r\" ,  response=\"ab\"   ");
        assertEquals("u", c.username());
        assertEquals("r", c.realm());
        assertEquals("n", c.nonce());
        assertEquals("sip:r", c.uri());
        assertEquals("ab", c.response());
    }

    @Test
    void quotedStringsKeepCommasEqualsAndSpacesAndUnescape() {
        DigestCredentials c = DigestCredentials.parse("Digest username=\"Doe, John = \\\"JD\\\" \\\\ x\","
                + " realm=\"a, b\", nonce=\"n=,\", uri=\"sip:r;transport=tcp\", response=\"ab\"");
        assertEquals("Doe, John = \"JD\" \\ x", c.username());
        assertEquals("a, b", c.realm());
        assertEquals("n=,", c.nonce());
        assertEquals("sip:r;transport=tcp", c.uri());
    }

    @Test
    void escapedOrdinaryCharacterIsTheCharacter() {
        assertEquals("ab", DigestCredentials.parse(MINIMAL.replace("\"u\"", "\"\\a\\b\"")).username());
    }

    @Test
    void emptyQuotedStringAndNonAsciiAreValues() {
        assertEquals("", DigestCredentials.parse(MINIMAL.replace("\"u\"", "\"\"")).username());
        assertEquals("j\u00f6rg", DigestCredentials.parse(MINIMAL.replace("\"u\"", "\"j\u00f6rg\"")).username());
        assertEquals("a\tb", DigestCredentials.parse(MINIMAL.replace("\"u\"", "\"a\tb\"")).username());
    }

    @Test
    void acceptsQuotedOrUnquotedQopAlgorithmAndNcAsRealClientsSendBoth() {
        DigestCredentials c = DigestCredentials.parse(MINIMAL
                + ", qop=\"auth\", algorithm=\"MD5\", nc=\"00000001\", cnonce=deadbeef");
        assertEquals(Optional.of("auth"), c.qop());
        assertEquals(Optional.of(DigestAlgorithm.MD5), c.algorithm());
        assertEquals(OptionalLong.of(1), c.nonceCount());
        assertEquals(Optional.of("deadbeef"), c.cnonce());
        assertEquals("u", DigestCredentials.parse(MINIMAL.replace("\"u\"", "u")).username());
    }

    @Test
    void ncIsHexAndKeptVerbatim() {
        DigestCredentials c = DigestCredentials.parse(MINIMAL + ", qop=auth, cnonce=\"c\", nc=FFFFFFFF");
        assertEquals(OptionalLong.of(0xFFFFFFFFL), c.nonceCount());
        assertEquals(Optional.of("FFFFFFFF"), c.nc());
    }

    @Test
    void unknownAlgorithmIsWellFormedButUnsupported() {
        DigestCredentials c = DigestCredentials.parse(MINIMAL + ", algorithm=SHA-1");
        assertEquals("SHA-1", c.algorithmToken());
        assertTrue(c.algorithm().isEmpty());
        assertTrue(DigestCredentials.parse(MINIMAL + ", algorithm=MD5-sess").algorithm().isEmpty());
    }

    @Test
    void extensionParametersAreKept() {
        DigestCredentials c = DigestCredentials.parse(MINIMAL + ", Integrity-Protected=\"yes\", auts=xyz");
        assertEquals(Map.of("integrity-protected", "yes", "auts", "xyz"), c.otherParameters());
    }

    @Test
    void parameterOrderDoesNotMatter() {
        DigestCredentials c = DigestCredentials.parse(
                "Digest response=\"ab\", uri=\"sip:r\", nc=00000002, qop=auth, nonce=\"n\", cnonce=\"c\", realm=\"r\", username=\"u\"");
        assertEquals("u", c.username());
        assertEquals(OptionalLong.of(2), c.nonceCount());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "empty value"),
                Arguments.of("   ", "empty value"),
                Arguments.of("Basic dXNlcjpwYXNz", "scheme is not Digest"),
                Arguments.of("Digestusername=\"u\"", "scheme is not Digest"),
                Arguments.of("Digest", "no parameters"),
                Arguments.of("Digest   ", "no parameters"),
                Arguments.of("Digest,username=\"u\"", "expected whitespace after Digest"),
                Arguments.of("Digest username=\"u", "unterminated quoted string"),
                Arguments.of("Digest username=\"u\\\"", "unterminated quoted string"),
                Arguments.of("Digest username=\"u\\", "unterminated quoted string"),
                Arguments.of("Digest username=\"u\r\nX-Injected: 1\"", "control character in quoted string"),
                Arguments.of("Digest username=\"u\\\n\"", "control character in quoted string"),
                Arguments.of("Digest username=\"u\u0000\"", "control character in quoted string"),
                Arguments.of("Digest username=\"u\u007f\"", "control character in quoted string"),
                Arguments.of("Digest username", "missing '=' after username"),
                Arguments.of("Digest username \"u\"", "missing '=' after username"),
                Arguments.of("Digest username=", "bad value for username"),
                Arguments.of("Digest username=, realm=\"r\"", "bad value for username"),
                Arguments.of("Digest username=u/v", "expected ',' after username"),
                Arguments.of("Digest username=\"u\" realm=\"r\"", "expected ',' after username"),
                Arguments.of("Digest username=\"u\"x, realm=\"r\"", "expected ',' after username"),
                Arguments.of("Digest username=\"u\",", "trailing comma"),
                Arguments.of("Digest username=\"u\", ", "trailing comma"),
                Arguments.of("Digest username=\"u\",, realm=\"r\"", "empty list element"),
                Arguments.of("Digest =\"u\"", "bad parameter name"),
                Arguments.of("Digest user name=\"u\"", "missing '=' after user"),
                Arguments.of("Digest us\u00e9r=\"u\"", "missing '=' after us"),
                Arguments.of("Digest " + "x".repeat(33) + "=1", "parameter name too long"),
                Arguments.of("Digest username=\"a\", USERNAME=\"b\"", "duplicate parameter USERNAME"),
                Arguments.of("Digest nc=00000001, nc=00000002", "duplicate parameter nc"),
                Arguments.of("Digest realm=\"r\", nonce=\"n\", uri=\"u\", response=\"ab\"", "missing username"),
                Arguments.of("Digest username=\"u\", nonce=\"n\", uri=\"u\", response=\"ab\"", "missing realm"),
                Arguments.of("Digest username=\"u\", realm=\"r\", uri=\"u\", response=\"ab\"", "missing nonce"),
                Arguments.of("Digest username=\"u\", realm=\"r\", nonce=\"n\", response=\"ab\"", "missing uri"),
                Arguments.of("Digest username=\"u\", realm=\"r\", nonce=\"n\", uri=\"u\"", "missing response"),
                Arguments.of(MINIMAL.replace("\"ab\"", "\"xyz\""), "response is not hex"),
                Arguments.of(MINIMAL.replace("\"ab\"", "\"\""), "response is not hex"),
                Arguments.of(MINIMAL + ", qop=auth, nc=00000001", "qop without cnonce"),
                Arguments.of(MINIMAL + ", qop=auth, cnonce=\"c\"", "qop without nc"),
                Arguments.of(MINIMAL + ", nc=00000001", "cnonce or nc without qop"),
                Arguments.of(MINIMAL + ", cnonce=\"c\"", "cnonce or nc without qop"),
                Arguments.of(MINIMAL + ", qop=auth, cnonce=\"c\", nc=1", "nc is not 8 hex digits"),
                Arguments.of(MINIMAL + ", qop=auth, cnonce=\"c\", nc=000000001", "nc is not 8 hex digits"),
                Arguments.of(MINIMAL + ", qop=auth, cnonce=\"c\", nc=0000000g", "nc is not 8 hex digits"),
                Arguments.of(MINIMAL + ", qop=auth, cnonce=\"c\", nc=\"+0000001\"", "nc is not 8 hex digits"),
                Arguments.of(MINIMAL + ", qop=auth, cnonce=\"c\", nc=00000000", "nc must start at 00000001"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedWithAReasonPhrase(String header, String reason) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> DigestCredentials.parse(header));
        assertEquals("Bad Authorization header: " + reason, e.reason());
        assertEquals(400, e.statusCode());
    }

    @Test
    void rejectsNullAndOverlongValues() {
        assertEquals("Bad Authorization header: empty value",
                assertThrows(ProtocolException.class, () -> DigestCredentials.parse(null)).reason());
        String huge = MINIMAL + ", x=\"" + "a".repeat(AuthParams.MAX_LENGTH) + "\"";
        assertEquals("Bad Authorization header: too long",
                assertThrows(ProtocolException.class, () -> DigestCredentials.parse(huge)).reason());
    }

    @Test
    void reasonNamesTheHeaderItCameFrom() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> DigestCredentials.parse("Digest username=\"u", "Proxy-Authorization"));
        assertEquals("Bad Proxy-Authorization header: unterminated quoted string", e.reason());
    }

    @Test
    void reasonNeverEchoesParameterValues() {
        String evil = "Digest username=\"SECRET-VALUE\", realm=\"r\", nonce=\"n\", uri=\"u\", response=\"SECRET-VALUE\"";
        ProtocolException e = assertThrows(ProtocolException.class, () -> DigestCredentials.parse(evil));
        assertFalse(e.reason().contains("SECRET"));
        assertFalse(e.reason().contains("\r") || e.reason().contains("\n"));
    }

    @Test
    void toStringOmitsTheResponse() {
        DigestCredentials c = DigestCredentials.parse(FULL);
        assertTrue(c.toString().contains("alice@cpm.example.com"));
        assertFalse(c.toString().contains(c.response()));
    }
}
