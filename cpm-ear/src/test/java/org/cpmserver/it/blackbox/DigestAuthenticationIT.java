package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpmserver.protocol.digest.DigestAlgorithm;
import org.cpmserver.protocol.digest.DigestResponse;
import org.cpmserver.protocol.digest.Ha1;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registrar's digest authentication from a hand-written client: SHA-256 (RFC 8760) and MD5
 * both work; a replayed nonce count, an expired nonce, a wrong password and an unknown user are
 * all refused, and the last two identically (no user enumeration).
 */
@ExtendWith(StandaloneServer.class)
class DigestAuthenticationIT {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    @BeforeAll
    static void user() throws Exception {
        new AdminClient().provision("grace", "grace-password");
    }

    private static String register(String user, String authorization, int cseq) {
        return "REGISTER sip:localhost SIP/2.0\n"
                + "Via: SIP/2.0/$TRANSPORT 127.0.0.1:$PORT;branch=$BRANCH\n"
                + "From: <sip:" + user + "@localhost>;tag=dg" + cseq + "\n"
                + "To: <sip:" + user + "@localhost>\n"
                + "Call-ID: digest-" + UUID.randomUUID() + "@127.0.0.1\n"
                + "CSeq: " + cseq + " REGISTER\n"
                + "Max-Forwards: 70\n"
                + "Contact: <sip:" + user + "@127.0.0.1:5999>;expires=120\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\n")
                + "Content-Length: 0\n\n";
    }

    private static List<String> challenges(String response) {
        List<String> values = new ArrayList<>();
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "WWW-Authenticate:", 0, 17)) {
                values.add(line.substring(17).trim());
            }
        }
        return values;
    }

    private static String nonceFor(String response, DigestAlgorithm algorithm) {
        for (String challenge : challenges(response)) {
            if (challenge.contains("algorithm=" + algorithm.token())) {
                Matcher m = NONCE.matcher(challenge);
                assertTrue(m.find(), challenge);
                return m.group(1);
            }
        }
        throw new AssertionError("no " + algorithm.token() + " challenge in " + response);
    }

    private static String authorization(DigestAlgorithm algorithm, String user, String password, String nonce, String nc) {
        String cnonce = "c" + UUID.randomUUID().toString().replace("-", "");
        String response = DigestResponse.compute(Ha1.compute(algorithm, user, "localhost", password), "REGISTER",
                "sip:localhost", nonce, "auth", nc, cnonce);
        return "Digest username=\"" + user + "\", realm=\"localhost\", nonce=\"" + nonce + "\", uri=\"sip:localhost\", "
                + "response=\"" + response + "\", algorithm=" + algorithm.token() + ", cnonce=\"" + cnonce
                + "\", qop=auth, nc=" + nc;
    }

    @Test
    void offersBothAlgorithmsAndAcceptsEach() throws Exception {
        String challenge = RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 1));
        assertEquals("SIP/2.0 401 Unauthorized", RawSip.statusLine(challenge), challenge);
        assertEquals(2, challenges(challenge).size(), challenge);
        for (DigestAlgorithm algorithm : new DigestAlgorithm[] {DigestAlgorithm.SHA_256, DigestAlgorithm.MD5}) {
            String fresh = RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 10));
            String nonce = nonceFor(fresh, algorithm);
            int cseq = algorithm == DigestAlgorithm.MD5 ? 21 : 11;
            String ok = RawSip.udp(StandaloneServer.SIP_PORT,
                    register("grace", authorization(algorithm, "grace", "grace-password", nonce, "00000001"), cseq));
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(ok), algorithm + ": " + ok);
            assertNotNull(RawSip.header(ok, "Contact"), ok);
        }
    }

    /** The shared server offers SHA-256 first to user agents named in cpm.auth.sha256-user-agents, as configured first to others. */
    @Test
    void sha256ComesFirstOnlyForTheUserAgentsConfiguredForIt() throws Exception {
        String plain = RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 50));
        assertTrue(challenges(plain).get(0).contains("algorithm=MD5"), plain);
        String strong = RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 51)
                .replace("Max-Forwards: 70\n", "Max-Forwards: 70\nUser-Agent: " + StandaloneServer.SHA256_USER_AGENT + "/2.1 (test)\n"));
        List<String> offered = challenges(strong);
        assertEquals(2, offered.size(), strong);
        assertTrue(offered.get(0).contains("algorithm=SHA-256"), strong);
        assertTrue(offered.get(1).contains("algorithm=MD5"), strong);
        String nonce = nonceFor(strong, DigestAlgorithm.SHA_256);
        String ok = RawSip.udp(StandaloneServer.SIP_PORT, register("grace",
                authorization(DigestAlgorithm.SHA_256, "grace", "grace-password", nonce, "00000001"), 52)
                .replace("Max-Forwards: 70\n", "Max-Forwards: 70\nUser-Agent: " + StandaloneServer.SHA256_USER_AGENT + "/2.1\n"));
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(ok), ok);
    }

    @Test
    void aReplayedNonceCountIsRefusedAndTheNextCountAccepted() throws Exception {
        String nonce = nonceFor(RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 30)), DigestAlgorithm.MD5);
        String credentials = authorization(DigestAlgorithm.MD5, "grace", "grace-password", nonce, "00000001");
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(RawSip.udp(StandaloneServer.SIP_PORT, register("grace", credentials, 31))));
        String replay = RawSip.udp(StandaloneServer.SIP_PORT, register("grace", credentials, 32));
        assertEquals("SIP/2.0 403 Forbidden: nonce replayed", RawSip.statusLine(replay), replay);
        String next = RawSip.udp(StandaloneServer.SIP_PORT,
                register("grace", authorization(DigestAlgorithm.MD5, "grace", "grace-password", nonce, "00000002"), 33));
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(next), next);
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
        String nonce1 = nonceFor(RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 40)), DigestAlgorithm.MD5);
        String wrong = RawSip.udp(StandaloneServer.SIP_PORT,
                register("grace", authorization(DigestAlgorithm.MD5, "grace", "not-her-password", nonce1, "00000001"), 41));
        String nonce2 = nonceFor(RawSip.udp(StandaloneServer.SIP_PORT, register("ghost", null, 40)), DigestAlgorithm.MD5);
        String unknown = RawSip.udp(StandaloneServer.SIP_PORT,
                register("ghost", authorization(DigestAlgorithm.MD5, "ghost", "any-password", nonce2, "00000001"), 41));
        assertEquals("SIP/2.0 403 Forbidden: authentication failed", RawSip.statusLine(wrong), wrong);
        assertEquals(RawSip.statusLine(wrong), RawSip.statusLine(unknown), unknown);
        String unknownChallenge = RawSip.udp(StandaloneServer.SIP_PORT, register("ghost", null, 42));
        assertEquals("SIP/2.0 401 Unauthorized", RawSip.statusLine(unknownChallenge), "unknown users are challenged too");
    }

    @Test
    void anExpiredNonceGetsAStaleChallenge() throws Exception {
        String nonce = nonceFor(RawSip.udp(StandaloneServer.SIP_PORT, register("grace", null, 50)), DigestAlgorithm.MD5);
        Thread.sleep((StandaloneServer.NONCE_LIFETIME_SECONDS + 1) * 1000L);
        String stale = RawSip.udp(StandaloneServer.SIP_PORT,
                register("grace", authorization(DigestAlgorithm.MD5, "grace", "grace-password", nonce, "00000001"), 51));
        assertEquals("SIP/2.0 401 Unauthorized", RawSip.statusLine(stale), stale);
        assertTrue(challenges(stale).stream().allMatch(c -> c.contains("stale=true")), stale);
    }
}
