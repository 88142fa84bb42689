package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cpmserver.protocol.digest.DigestAuthenticator.Result;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

    private static final String REALM = "cpm.example.com";
    private static final String USER = "alice@cpm.example.com";
    private static final String PASSWORD = "w0nderl@nd";
    private static final String URI = "sip:cpm.example.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final NonceService nonces = new NonceService(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), clock);
    private final DigestAuthenticator auth = new DigestAuthenticator(REALM, nonces);

    /** The subscriber store: HA1 provisioned for SHA-256 and MD5, never the password. */
    private final Map<String, Ha1> store = new HashMap<>();
    private final DigestAuthenticator.Ha1Lookup lookup =
            (user, alg) -> Optional.ofNullable(store.get(user + "/" + alg.token()));

    DigestAuthenticatorTest() {
        for (DigestAlgorithm alg : List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5)) {
            store.put(USER + "/" + alg.token(), Ha1.compute(alg, USER, REALM, PASSWORD));
        }
    }

    /** What a UA sends back: qop=auth, nc as 8 lower-case hex digits. */
    private static String answer(DigestChallenge ch, String password, String method, long nc, String cnonce) {
        Ha1 ha1 = Ha1.compute(ch.algorithm(), USER, ch.realm(), password);
        String ncText = String.format(Locale.ROOT, "%08x", nc);
        String response = DigestResponse.compute(ha1, method, URI, ch.nonce(), "auth", ncText, cnonce);
        return "Digest username=\"" + USER + "\", realm=\"" + ch.realm() + "\", nonce=\"" + ch.nonce()
                + "\", uri=\"" + URI + "\", response=\"" + response + "\", algorithm=" + ch.algorithm().token()
                + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + ncText
                + (ch.opaque() == null ? "" : ", opaque=\"" + ch.opaque() + "\"");
    }

    /** An RFC 2069-style answer: no qop, no cnonce, no nc. */
    private static String answerWithoutQop(DigestChallenge ch, String method) {
        Ha1 ha1 = Ha1.compute(ch.algorithm(), USER, ch.realm(), PASSWORD);
        String response = DigestResponse.compute(ha1, method, URI, ch.nonce(), null, null, null);
        return "Digest username=\"" + USER + "\", realm=\"" + ch.realm() + "\", nonce=\"" + ch.nonce()
                + "\", uri=\"" + URI + "\", response=\"" + response + "\", algorithm=" + ch.algorithm().token();
    }

    private Result send(String header, String method) {
        return auth.authenticate(method, DigestCredentials.parse(header), lookup);
    }

    @Test
    void challengesOfferSha256ThenMd5AroundOneFreshNonce() {
        List<DigestChallenge> first = auth.challenges(false);
        assertEquals(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
                first.stream().map(DigestChallenge::algorithm).toList());
        assertEquals(first.get(0).nonce(), first.get(1).nonce());
        assertFalse(first.get(0).stale());
        assertTrue(first.get(0).headerValue().startsWith("Digest realm=\"cpm.example.com\", nonce=\""));
        assertEquals(NonceService.Status.VALID, nonces.validate(first.get(0).nonce(), REALM));
        assertFalse(first.get(0).nonce().equals(auth.challenges(false).get(0).nonce()), "a new nonce per challenge");
        assertTrue(auth.challenges(true).stream().allMatch(DigestChallenge::stale));
        assertEquals(REALM, auth.realm());
    }

    @Test
    void registerWithSha256ThenRefreshesWithTheNextCount() {
        DigestChallenge ch = auth.challenges(false).get(0);
        assertEquals(Result.AUTHENTICATED, send(answer(ch, PASSWORD, "REGISTER", 1, "c1"), "REGISTER"));
        assertEquals(Result.AUTHENTICATED, send(answer(ch, PASSWORD, "REGISTER", 2, "c2"), "REGISTER"));
        assertEquals(Result.AUTHENTICATED, send(answer(ch, PASSWORD, "INVITE", 3, "c3"), "INVITE"));
        assertTrue(Result.AUTHENTICATED.authenticated());
    }

    @Test
    void md5ClientPicksTheSecondChallenge() {
        DigestChallenge md5 = auth.challenges(false).get(1);
        assertEquals(DigestAlgorithm.MD5, md5.algorithm());
        assertEquals(Result.AUTHENTICATED, send(answer(md5, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
    }

    @Test
    void replayedRequestIsRefused() {
        DigestChallenge ch = auth.challenges(false).get(0);
        String header = answer(ch, PASSWORD, "REGISTER", 1, "c1");
        assertEquals(Result.AUTHENTICATED, send(header, "REGISTER"));
        assertEquals(Result.REPLAYED, send(header, "REGISTER"));
        assertEquals(Result.AUTHENTICATED, send(answer(ch, PASSWORD, "REGISTER", 5, "c5"), "REGISTER"));
        assertEquals(Result.REPLAYED, send(answer(ch, PASSWORD, "REGISTER", 4, "c4"), "REGISTER"));
        assertFalse(Result.REPLAYED.staleChallenge());
    }

    @Test
    void wrongPasswordOrMethodIsAWrongResponse() {
        DigestChallenge ch = auth.challenges(false).get(0);
        assertEquals(Result.WRONG_RESPONSE, send(answer(ch, "guess", "REGISTER", 1, "c"), "REGISTER"));
        assertEquals(Result.WRONG_RESPONSE, send(answer(ch, PASSWORD, "REGISTER", 1, "c"), "INVITE"));
    }

    @Test
    void failedAttemptsDoNotBurnTheClientsCounts() {
        DigestChallenge ch = auth.challenges(false).get(0);
        // an attacker who saw the nonce sends nc=1000 with a made-up response
        assertEquals(Result.WRONG_RESPONSE, send(answer(ch, "guess", "REGISTER", 1000, "x"), "REGISTER"));
        assertEquals(Result.AUTHENTICATED, send(answer(ch, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
    }

    @Test
    void expiredNonceWithRightPasswordIsStaleWithWrongPasswordIsNot() {
        DigestChallenge ch = auth.challenges(false).get(0);
        clock.advance(Duration.ofSeconds(301));
        Result stale = send(answer(ch, PASSWORD, "REGISTER", 1, "c"), "REGISTER");
        assertEquals(Result.STALE_NONCE, stale);
        assertTrue(stale.staleChallenge());
        assertEquals(Result.WRONG_RESPONSE, send(answer(ch, "guess", "REGISTER", 1, "c"), "REGISTER"),
                "stale=true would confirm a guessed password was right");
        DigestChallenge retry = auth.challenges(true).get(0);
        assertEquals(Result.AUTHENTICATED, send(answer(retry, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
    }

    @Test
    void nonceFromANodeFarAheadInTimeIsStaleNotAccepted() {
        MutableClock farAhead = new MutableClock(clock.instant().plus(Duration.ofHours(1)));
        NonceService skewedNode = new NonceService(
                "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), farAhead);
        DigestChallenge ch = new DigestAuthenticator(REALM, skewedNode).challenges(false).get(0);
        assertEquals(Result.STALE_NONCE, send(answer(ch, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
    }

    @Test
    void forgedOrForeignNonceIsInvalid() {
        DigestChallenge ch = auth.challenges(false).get(0);
        DigestChallenge forged = new DigestChallenge(REALM, "dcd98b7102dd2f0e8b11d0f600bfb0c093", null,
                DigestAlgorithm.SHA_256, false);
        assertEquals(Result.INVALID_NONCE, send(answer(forged, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
        String otherRealmNonce = nonces.issue("other.example.com");
        DigestChallenge foreign = new DigestChallenge(REALM, otherRealmNonce, null, DigestAlgorithm.SHA_256, false);
        assertEquals(Result.INVALID_NONCE, send(answer(foreign, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
        assertEquals(Result.AUTHENTICATED, send(answer(ch, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
    }

    @Test
    void shapeChecksBeforeAnyCrypto() {
        DigestChallenge ch = auth.challenges(false).get(0);
        String good = answer(ch, PASSWORD, "REGISTER", 1, "c");
        assertEquals(Result.WRONG_REALM, send(good.replace("realm=\"cpm.example.com\"", "realm=\"ims.example.com\""), "REGISTER"));
        assertEquals(Result.UNSUPPORTED_ALGORITHM, send(good.replace("algorithm=SHA-256", "algorithm=SHA-1"), "REGISTER"));
        assertEquals(Result.UNSUPPORTED_ALGORITHM, send(good.replace("algorithm=SHA-256", "algorithm=SHA-512-256"), "REGISTER"),
                "known but not offered");
        assertEquals(Result.UNSUPPORTED_QOP, send(good.replace("qop=auth", "qop=auth-int"), "REGISTER"));
        assertEquals(Result.UNKNOWN_USER, send(good.replace(USER, "mallory@cpm.example.com"), "REGISTER"));
        assertEquals(Result.AUTHENTICATED, send(good, "REGISTER"));
    }

    @Test
    void algorithmNamesAreCaseInsensitive() {
        DigestChallenge ch = auth.challenges(false).get(0);
        assertEquals(Result.AUTHENTICATED,
                send(answer(ch, PASSWORD, "REGISTER", 1, "c").replace("algorithm=SHA-256", "algorithm=sha-256"), "REGISTER"));
    }

    @Test
    void opaqueMustComeBackUnchanged() {
        DigestAuthenticator withOpaque = new DigestAuthenticator(REALM, nonces, DigestAuthenticator.DEFAULT_ALGORITHMS, "0paque");
        DigestChallenge ch = withOpaque.challenges(false).get(0);
        assertEquals("0paque", ch.opaque());
        String good = answer(ch, PASSWORD, "REGISTER", 1, "c");
        assertEquals(Result.OPAQUE_MISMATCH, withOpaque.authenticate("REGISTER",
                DigestCredentials.parse(good.replace("opaque=\"0paque\"", "opaque=\"other\"")), lookup));
        assertEquals(Result.OPAQUE_MISMATCH, withOpaque.authenticate("REGISTER",
                DigestCredentials.parse(good.replace(", opaque=\"0paque\"", "")), lookup));
        assertEquals(Result.AUTHENTICATED, withOpaque.authenticate("REGISTER", DigestCredentials.parse(good), lookup));
    }

    @Test
    void responseWithoutQopUsesTheNonceOnce() {
        DigestChallenge ch = auth.challenges(false).get(1);
        String header = answerWithoutQop(ch, "REGISTER");
        assertEquals(Result.AUTHENTICATED, send(header, "REGISTER"));
        assertEquals(Result.REPLAYED, send(header, "REGISTER"));
        assertEquals(Result.REPLAYED, send(answer(ch, PASSWORD, "REGISTER", 1, "c"), "REGISTER"));
    }

    @Test
    void fullReplayMemoryAsksForBackOff() {
        NonceService tiny = new NonceService(NonceService.newSecret(), clock, Duration.ofSeconds(60), 1);
        DigestAuthenticator a = new DigestAuthenticator(REALM, tiny);
        DigestChallenge first = a.challenges(false).get(0);
        DigestChallenge second = a.challenges(false).get(0);
        assertEquals(Result.AUTHENTICATED,
                a.authenticate("REGISTER", DigestCredentials.parse(answer(first, PASSWORD, "REGISTER", 1, "c")), lookup));
        assertEquals(Result.TRACKER_FULL,
                a.authenticate("REGISTER", DigestCredentials.parse(answer(second, PASSWORD, "REGISTER", 1, "c")), lookup));
    }

    @Test
    void configurationIsCheckedUpFront() {
        assertThrows(IllegalArgumentException.class, () -> new DigestAuthenticator(REALM, nonces, List.of(), null));
        assertThrows(IllegalArgumentException.class,
                () -> new DigestAuthenticator("bad\r\nrealm", nonces, DigestAuthenticator.DEFAULT_ALGORITHMS, null));
        assertThrows(IllegalArgumentException.class,
                () -> new DigestAuthenticator(REALM, nonces, DigestAuthenticator.DEFAULT_ALGORITHMS, "x\ny"));
        assertThrows(NullPointerException.class, () -> new DigestAuthenticator(null, nonces));
    }
}
