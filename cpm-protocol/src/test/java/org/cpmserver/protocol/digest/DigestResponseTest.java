package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class DigestResponseTest {

    // RFC 7616 §3.9.1
    private static final String RFC_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String RFC_OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";

    private static String rfcAuthorization(String algorithm, String response) {
        // the RFC's header, unfolded onto one line as the SIP container hands it over
        return "Digest username=\"Mufasa\","
                + " realm=\"http-auth@example.org\", uri=\"/dir/index.html\", algorithm=" + algorithm + ","
                + " nonce=\"" + RFC_NONCE + "\", nc=00000001, cnonce=\"" + RFC_CNONCE + "\","
                + " qop=auth, response=\"" + response + "\", opaque=\"" + RFC_OPAQUE + "\"";
    }

    private static Ha1 mufasa(DigestAlgorithm alg) {
        return Ha1.compute(alg, "Mufasa", "http-auth@example.org", "Circle of Life");
    }

    @Test
    void rfc7616WorkedExampleMd5() {
        DigestCredentials c = DigestCredentials.parse(rfcAuthorization("MD5", "8ca523f5e9506fed4657c9700eebdbec"));
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", DigestResponse.expected(mufasa(DigestAlgorithm.MD5), "GET", c));
        assertTrue(DigestResponse.verify(mufasa(DigestAlgorithm.MD5), "GET", c));
    }

    @Test
    void rfc7616WorkedExampleSha256() {
        String response = "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1";
        DigestCredentials c = DigestCredentials.parse(rfcAuthorization("SHA-256", response));
        assertEquals(response, DigestResponse.expected(mufasa(DigestAlgorithm.SHA_256), "GET", c));
        assertTrue(DigestResponse.verify(mufasa(DigestAlgorithm.SHA_256), "GET", c));
    }

    @Test
    void rfc7616SecondExampleSha512256() {
        // RFC 7616 §3.9.2 (username sent hashed there; the response covers the plain username)
        Ha1 ha1 = Ha1.compute(DigestAlgorithm.SHA_512_256, "J\u00e4s\u00f8n Doe", "api@example.org", "Secret, or not?");
        assertEquals("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5",
                DigestResponse.compute(ha1, "GET", "/doe.json", "5TsQWLVdgBdmrQ0XsxbDODV+57QdFR34I9HAbC/RVvkK",
                        "auth", "00000001", "NTg6RKcb9boFIAS3KrFK9BGeh+iDa/sm6jUMp2wds69v"));
    }

    // A SIP REGISTER; expected values computed independently with Python hashlib.
    private static String register(String algorithm, String response) {
        return "Digest username=\"alice@cpm.example.com\", realm=\"cpm.example.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:cpm.example.com\","
                + " response=\"" + response + "\", algorithm=" + algorithm
                + ", cnonce=\"0a4f113b\", qop=auth, nc=00000001";
    }

    private static Ha1 alice(DigestAlgorithm alg) {
        return Ha1.compute(alg, "alice@cpm.example.com", "cpm.example.com", "w0nderl@nd");
    }

    @Test
    void sipRegisterWithEachAlgorithm() {
        assertTrue(DigestResponse.verify(alice(DigestAlgorithm.MD5), "REGISTER",
                DigestCredentials.parse(register("MD5", "54b37c0518c49dc14644546d4234927b"))));
        assertTrue(DigestResponse.verify(alice(DigestAlgorithm.SHA_256), "REGISTER",
                DigestCredentials.parse(register("SHA-256", "1201f95fbc9683a1bf2b3c880a12ccaf3fb0373c7cb07dc2b04664777daf6469"))));
        assertTrue(DigestResponse.verify(alice(DigestAlgorithm.SHA_512_256), "REGISTER",
                DigestCredentials.parse(register("SHA-512-256", "b057b10db77ae127ea8c30e320f5cc068231cb9a744de9243798a74a640b6bbe"))));
    }

    @Test
    void sipRegisterWithoutQopRfc2069Style() {
        String md5 = "Digest username=\"alice@cpm.example.com\", realm=\"cpm.example.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"sip:cpm.example.com\","
                + " response=\"55ea3dfb0aac001a80aa64d7af553d6a\"";
        assertTrue(DigestResponse.verify(alice(DigestAlgorithm.MD5), "REGISTER", DigestCredentials.parse(md5)));
        String sha = md5.replace("55ea3dfb0aac001a80aa64d7af553d6a",
                "1642de81fa2aadfa7eb4dc2b18242a9d5793bce4d30bb0e3c561fe1af7057a60") + ", algorithm=SHA-256";
        assertTrue(DigestResponse.verify(alice(DigestAlgorithm.SHA_256), "REGISTER", DigestCredentials.parse(sha)));
    }

    @Test
    void anyChangeToAnInputBreaksTheResponse() {
        DigestCredentials good = DigestCredentials.parse(register("SHA-256",
                "1201f95fbc9683a1bf2b3c880a12ccaf3fb0373c7cb07dc2b04664777daf6469"));
        Ha1 ha1 = alice(DigestAlgorithm.SHA_256);
        assertTrue(DigestResponse.verify(ha1, "REGISTER", good));
        assertFalse(DigestResponse.verify(ha1, "INVITE", good), "method is covered");
        assertFalse(DigestResponse.verify(ha1, "register", good), "SIP methods are case-sensitive");
        assertFalse(DigestResponse.verify(Ha1.compute(DigestAlgorithm.SHA_256, "alice@cpm.example.com",
                "cpm.example.com", "w0nderl@nD"), "REGISTER", good), "password is covered");
        String header = register("SHA-256", "1201f95fbc9683a1bf2b3c880a12ccaf3fb0373c7cb07dc2b04664777daf6469");
        for (String[] change : new String[][] {
                {"nc=00000001", "nc=00000002"},
                {"0a4f113b", "0a4f113c"},
                {"dcd98b7102dd2f0e8b11d0f600bfb0c093", "dcd98b7102dd2f0e8b11d0f600bfb0c094"},
                {"sip:cpm.example.com\"", "sip:evil.example.com\""},
                {"1201f95f", "1201f95e"}}) {
            DigestCredentials c = DigestCredentials.parse(header.replace(change[0], change[1]));
            assertFalse(DigestResponse.verify(ha1, "REGISTER", c), change[0]);
        }
    }

    @Test
    void upperCaseResponseHexIsAccepted() {
        DigestCredentials c = DigestCredentials.parse(register("MD5", "54B37C0518C49DC14644546D4234927B"));
        assertTrue(DigestResponse.verify(alice(DigestAlgorithm.MD5), "REGISTER", c));
    }

    @Test
    void truncatedOrOverlongResponseFails() {
        Ha1 ha1 = alice(DigestAlgorithm.MD5);
        assertFalse(DigestResponse.verify(ha1, "REGISTER",
                DigestCredentials.parse(register("MD5", "54b37c0518c49dc14644546d4234927"))));
        assertFalse(DigestResponse.verify(ha1, "REGISTER",
                DigestCredentials.parse(register("MD5", "54b37c0518c49dc14644546d4234927b00"))));
    }

    @Test
    void authIntAndUnknownAlgorithmsAreRefusedWithA401Reason() {
        Ha1 ha1 = alice(DigestAlgorithm.MD5);
        ProtocolException authInt = assertThrows(ProtocolException.class, () -> DigestResponse.verify(ha1, "REGISTER",
                DigestCredentials.parse(register("MD5", "00").replace("qop=auth", "qop=auth-int"))));
        assertEquals(401, authInt.statusCode());
        assertEquals("Unsupported Digest credentials: qop 'auth-int'", authInt.reason());
        ProtocolException sess = assertThrows(ProtocolException.class, () -> DigestResponse.verify(ha1, "REGISTER",
                DigestCredentials.parse(register("MD5-sess", "00"))));
        assertEquals(401, sess.statusCode());
        assertThrows(IllegalArgumentException.class,
                () -> DigestResponse.compute(ha1, "REGISTER", "sip:x", "n", "auth-int", "00000001", "c"));
    }

    @Test
    void ha1OfTheWrongAlgorithmIsACallerBug() {
        DigestCredentials sha = DigestCredentials.parse(register("SHA-256", "00"));
        assertThrows(IllegalArgumentException.class, () -> DigestResponse.verify(alice(DigestAlgorithm.MD5), "REGISTER", sha));
    }

    @Test
    void qopAuthNeedsCountAndClientNonce() {
        Ha1 ha1 = alice(DigestAlgorithm.MD5);
        assertThrows(NullPointerException.class, () -> DigestResponse.compute(ha1, "REGISTER", "sip:x", "n", "auth", null, "c"));
        assertThrows(NullPointerException.class, () -> DigestResponse.compute(ha1, "REGISTER", "sip:x", "n", "auth", "00000001", null));
    }

    @Test
    void constantTimeEqualsSemantics() {
        assertTrue(DigestResponse.constantTimeEquals("abc123", "abc123"));
        assertFalse(DigestResponse.constantTimeEquals("abc123", "abc124"));
        assertFalse(DigestResponse.constantTimeEquals("abc123", "xbc123"));
        assertFalse(DigestResponse.constantTimeEquals("abc123", "abc12"));
        assertFalse(DigestResponse.constantTimeEquals("abc123", ""));
    }
}
