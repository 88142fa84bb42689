package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DigestAlgorithmTest {

    @Test
    void hashesUtf8AsLowerCaseHexWithStandardVectors() {
        // FIPS 180 / RFC 1321 test vectors
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", DigestAlgorithm.MD5.hash(""));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", DigestAlgorithm.MD5.hash("abc"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                DigestAlgorithm.SHA_256.hash("abc"));
        assertEquals("53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23",
                DigestAlgorithm.SHA_512_256.hash("abc"));
    }

    @Test
    void hashesNonAsciiAsUtf8() {
        // MD5 of the UTF-8 bytes c3 a9; of the ISO-8859-1 byte e9 it would be 3406877694691ddd1dfb0aca54681407
        assertEquals("66ddcd97cfdeabb2f6fb8a999b4bc76f", DigestAlgorithm.MD5.hash("\u00e9"));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void hexLengthMatchesTheHash(DigestAlgorithm alg) {
        assertEquals(alg.hexLength(), alg.hash("x").length());
        assertEquals(alg.hash("k:d"), alg.keyedDigest("k", "d"));
    }

    @Test
    void tokensAreTheRfc8760NamesAndParseCaseInsensitively() {
        assertEquals("MD5", DigestAlgorithm.MD5.token());
        assertEquals("SHA-256", DigestAlgorithm.SHA_256.token());
        assertEquals("SHA-512-256", DigestAlgorithm.SHA_512_256.token());
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), DigestAlgorithm.fromToken("sha-256"));
        assertEquals(Optional.of(DigestAlgorithm.MD5), DigestAlgorithm.fromToken("md5"));
        assertEquals(Optional.of(DigestAlgorithm.SHA_512_256), DigestAlgorithm.fromToken("SHA-512-256"));
        assertTrue(DigestAlgorithm.fromToken("MD5-sess").isEmpty());
        assertTrue(DigestAlgorithm.fromToken("SHA-512/256").isEmpty());
        assertTrue(DigestAlgorithm.fromToken("SHA-1").isEmpty());
        assertTrue(DigestAlgorithm.fromToken("").isEmpty());
    }

    @Test
    void hexHelpers() {
        assertEquals("00ff7f80", DigestAlgorithm.hex(new byte[] {0, (byte) 0xff, 0x7f, (byte) 0x80}));
        assertTrue(DigestAlgorithm.isHex("0123456789abcdefABCDEF"));
        assertFalse(DigestAlgorithm.isHex(""));
        assertFalse(DigestAlgorithm.isHex("12g4"));
        assertFalse(DigestAlgorithm.isHex("\u0661\u0662")); // Arabic-Indic digits: Character.digit would accept them
        assertFalse(DigestAlgorithm.isHex("\uff10")); // fullwidth zero
    }
}
