package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigestChallengeTest {

    @Test
    void writesTheHeaderValue() {
        DigestChallenge c = new DigestChallenge("cpm.example.com", "n0nce", "0paque", DigestAlgorithm.SHA_256, false);
        assertEquals("Digest realm=\"cpm.example.com\", nonce=\"n0nce\", opaque=\"0paque\", algorithm=SHA-256, qop=\"auth\"",
                c.headerValue());
        assertEquals(c.headerValue(), c.toString());
    }

    @Test
    void staleIsAppendedOnlyWhenTrue() {
        assertEquals("Digest realm=\"r\", nonce=\"n\", algorithm=MD5, qop=\"auth\", stale=true",
                new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, true).headerValue());
        assertEquals("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\"",
                new DigestChallenge("r", "n", null, DigestAlgorithm.SHA_512_256, false).headerValue());
    }

    @Test
    void escapesQuotesAndBackslashesAndRoundTripsThroughTheParser() {
        DigestChallenge c = new DigestChallenge("say \"hi\" \\o/, ok", "n", "a,b", DigestAlgorithm.MD5, true);
        assertEquals("Digest realm=\"say \\\"hi\\\" \\\\o/, ok\", nonce=\"n\", opaque=\"a,b\", algorithm=MD5, qop=\"auth\", stale=true",
                c.headerValue());
        AuthParams p = AuthParams.parse(c.headerValue(), "WWW-Authenticate");
        assertEquals("say \"hi\" \\o/, ok", p.get("realm"));
        assertEquals("a,b", p.get("opaque"));
        assertEquals("auth", p.get("qop"));
        assertEquals("true", p.get("stale"));
        assertEquals("MD5", p.get("algorithm"));
    }

    @Test
    void refusesValuesThatWouldBreakTheHeader() {
        assertThrows(IllegalArgumentException.class,
                () -> new DigestChallenge("r\r\nX-Evil: 1", "n", null, DigestAlgorithm.MD5, false));
        assertThrows(IllegalArgumentException.class,
                () -> new DigestChallenge("r", "n", "o\n", DigestAlgorithm.MD5, false));
        assertThrows(NullPointerException.class, () -> new DigestChallenge(null, "n", null, DigestAlgorithm.MD5, false));
        assertThrows(NullPointerException.class, () -> new DigestChallenge("r", "n", null, null, false));
    }

    @Test
    void offerKeepsTheOrderAndSharesTheNonce() {
        List<DigestChallenge> offer = DigestChallenge.offer("r", "n", "o", true,
                List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
        assertEquals(2, offer.size());
        assertEquals(DigestAlgorithm.SHA_256, offer.get(0).algorithm());
        assertEquals(DigestAlgorithm.MD5, offer.get(1).algorithm());
        for (DigestChallenge c : offer) {
            assertEquals("r", c.realm());
            assertEquals("n", c.nonce());
            assertEquals("o", c.opaque());
            assertEquals(true, c.stale());
        }
        assertThrows(IllegalArgumentException.class, () -> DigestChallenge.offer("r", "n", null, false, List.of()));
    }

    @Test
    void valueSemantics() {
        DigestChallenge a = new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, false);
        assertEquals(a, new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, false));
        assertEquals(a.hashCode(), new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, false).hashCode());
        assertNotEquals(a, new DigestChallenge("r", "n", null, DigestAlgorithm.MD5, true));
        assertNotEquals(a, new DigestChallenge("r", "n", "o", DigestAlgorithm.MD5, false));
        assertNull(a.opaque());
    }
}
