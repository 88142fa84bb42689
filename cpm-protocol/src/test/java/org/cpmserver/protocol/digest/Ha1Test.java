package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class Ha1Test {

    @Test
    void rfc7616WorkedExampleHa1() {
        // H("Mufasa:http-auth@example.org:Circle of Life"), RFC 7616 §3.9.1 inputs
        assertEquals("3d78807defe7de2157e2b0b6573a855f",
                Ha1.compute(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life").hex());
        assertEquals("7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232",
                Ha1.compute(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life").hex());
    }

    @Test
    void sipSubscriberHa1PerAlgorithm() {
        // expected values computed independently with Python hashlib
        assertEquals("913f7610cef255174e31ecea056ea5c8",
                Ha1.compute(DigestAlgorithm.MD5, "alice@cpm.example.com", "cpm.example.com", "w0nderl@nd").hex());
        assertEquals("a4f958195a0362053768403f62ff1517047155957a14368a96732cffc5aaa69d",
                Ha1.compute(DigestAlgorithm.SHA_256, "alice@cpm.example.com", "cpm.example.com", "w0nderl@nd").hex());
        assertEquals("8c66b7497f51c0a40fb6aad9b412def9222bdf26ee7fab42cd2a1f579a7df840",
                Ha1.compute(DigestAlgorithm.SHA_512_256, "alice@cpm.example.com", "cpm.example.com", "w0nderl@nd").hex());
    }

    @Test
    void hashesTheRawUsernameNotItsQuotedForm() {
        assertEquals("390ee228559bd3d35bdf95e9ac084cf16b6cbb730c869dda805ce6772c5da573",
                Ha1.compute(DigestAlgorithm.SHA_256, "a\"b\\c", "cpm.example.com", "pw").hex());
        assertEquals("d2c9034a92a45e9ca6cb306626ffd3fe",
                Ha1.compute(DigestAlgorithm.MD5, "j\u00f6rg", "cpm.example.com", "pw").hex());
    }

    @Test
    void fromHexChecksLengthAndAlphabetAndLowerCases() {
        Ha1 stored = Ha1.fromHex(DigestAlgorithm.MD5, "3D78807DEFE7DE2157E2B0B6573A855F");
        assertEquals("3d78807defe7de2157e2b0b6573a855f", stored.hex());
        assertEquals(DigestAlgorithm.MD5, stored.algorithm());
        assertEquals(Ha1.compute(DigestAlgorithm.MD5, "Mufasa", "http-auth@example.org", "Circle of Life"), stored);
        assertThrows(IllegalArgumentException.class, () -> Ha1.fromHex(DigestAlgorithm.SHA_256, stored.hex()));
        assertThrows(IllegalArgumentException.class, () -> Ha1.fromHex(DigestAlgorithm.MD5, "3d78807defe7de2157e2b0b6573a855g"));
        assertThrows(IllegalArgumentException.class, () -> Ha1.fromHex(DigestAlgorithm.MD5, null));
        assertThrows(NullPointerException.class, () -> Ha1.compute(DigestAlgorithm.MD5, "u", "r", null));
    }

    @Test
    void equalityNeedsSameAlgorithmAndValue() {
        Ha1 a = Ha1.compute(DigestAlgorithm.SHA_256, "u", "r", "p");
        assertEquals(a, Ha1.fromHex(DigestAlgorithm.SHA_256, a.hex()));
        assertEquals(a.hashCode(), Ha1.fromHex(DigestAlgorithm.SHA_256, a.hex()).hashCode());
        assertNotEquals(a, Ha1.compute(DigestAlgorithm.SHA_256, "u", "r", "q"));
        assertNotEquals(a, Ha1.fromHex(DigestAlgorithm.SHA_512_256, a.hex()));
    }

    @Test
    void toStringDoesNotLeakTheCredential() {
        Ha1 a = Ha1.compute(DigestAlgorithm.SHA_256, "u", "r", "p");
        assertFalse(a.toString().contains(a.hex()));
        assertFalse(a.toString().contains(a.hex().substring(0, 8)));
    }
}
