package org.cpmserver.protocol.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cpmserver.protocol.digest.NonceService.Status;
import org.cpmserver.protocol.digest.NonceService.Use;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NonceServiceTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final String REALM = "cpm.example.com";

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final NonceService service = new NonceService(SECRET, clock);
    private ExecutorService pool;

    @AfterEach
    void stopPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Test
    void issuedNonceIsValidLowercaseHexAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String nonce = service.issue(REALM);
            assertEquals(112, nonce.length());
            assertTrue(nonce.chars().allMatch(ch -> AuthParams.isTokenChar((char) ch)), nonce);
            // no capital letters, so no header name ("CSeq", "To", "Via") can appear inside it
            // for clients that find headers by searching the whole message
            assertTrue(nonce.matches("[0-9a-f]+"), nonce);
            assertEquals(Status.VALID, service.validate(nonce, REALM));
            assertTrue(seen.add(nonce), "nonces repeat within one millisecond");
        }
    }

    @Test
    void anotherNodeWithTheSameSecretAcceptsIt() {
        String nonce = service.issue(REALM);
        NonceService otherNode = new NonceService(SECRET.clone(), clock);
        assertEquals(Status.VALID, otherNode.validate(nonce, REALM));
    }

    @Test
    void expiresAfterTheLifetimeAsStale() {
        String nonce = service.issue(REALM);
        clock.advance(Duration.ofSeconds(300));
        assertEquals(Status.VALID, service.validate(nonce, REALM), "valid up to and including the lifetime");
        clock.advance(Duration.ofMillis(1));
        assertEquals(Status.STALE, service.validate(nonce, REALM));
        clock.advance(Duration.ofDays(365));
        assertEquals(Status.STALE, service.validate(nonce, REALM));
    }

    @Test
    void lifetimeIsConfigurable() {
        NonceService shortLived = new NonceService(SECRET, clock, Duration.ofSeconds(10), 10);
        assertEquals(Duration.ofSeconds(10), shortLived.lifetime());
        assertEquals(NonceService.DEFAULT_LIFETIME, service.lifetime());
        String nonce = shortLived.issue(REALM);
        clock.advance(Duration.ofSeconds(11));
        assertEquals(Status.STALE, shortLived.validate(nonce, REALM));
    }

    @Test
    void toleratesANodeWhoseClockIsAheadByLessThanALifetime() {
        MutableClock ahead = new MutableClock(clock.instant().plusSeconds(200));
        String nonce = new NonceService(SECRET, ahead).issue(REALM);
        assertEquals(Status.VALID, service.validate(nonce, REALM));
        MutableClock farAhead = new MutableClock(clock.instant().plusSeconds(301));
        assertEquals(Status.STALE, service.validate(new NonceService(SECRET, farAhead).issue(REALM), REALM));
    }

    @Test
    void otherRealmOrOtherSecretIsInvalid() {
        String nonce = service.issue(REALM);
        assertEquals(Status.INVALID, service.validate(nonce, "other.example.com"));
        assertEquals(Status.INVALID, service.validate(nonce, "CPM.example.com"));
        byte[] otherSecret = SECRET.clone();
        otherSecret[0] ^= 1;
        assertEquals(Status.INVALID, new NonceService(otherSecret, clock).validate(nonce, REALM));
    }

    @Test
    void anyTamperingIsInvalidEvenOfTheTimestamp() {
        String nonce = service.issue(REALM);
        byte[] raw = HexFormat.of().parseHex(nonce);
        for (int i = 0; i < raw.length; i++) {
            byte[] forged = raw.clone();
            forged[i] ^= 0x01;
            String f = HexFormat.of().formatHex(forged);
            assertEquals(Status.INVALID, service.validate(f, REALM), "byte " + i);
        }
        // push the timestamp forward to extend the lifetime: MAC no longer matches
        clock.advance(Duration.ofSeconds(301));
        byte[] extended = raw.clone();
        extended[5] += 1;
        assertEquals(Status.INVALID, service.validate(HexFormat.of().formatHex(extended), REALM));
    }

    @Test
    void garbageIsInvalidNeverAnException() {
        String nonce = service.issue(REALM);
        for (String bad : new String[] {null, "", "x", nonce.substring(1), nonce + "a", nonce + "=",
                nonce.substring(0, 111) + "*", nonce.substring(0, 111) + "g", nonce.replace(nonce.charAt(10), '+'),
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "!".repeat(112), " ".repeat(112)}) {
            assertEquals(Status.INVALID, service.validate(bad, REALM), String.valueOf(bad));
        }
        assertEquals(Status.INVALID, service.validate(nonce, null));
    }

    @Test
    void aGenuineNonceOfAnEarlierReleaseInBase64IsStaleSoTheClientRetries() {
        String nonce = service.issue(REALM);
        byte[] raw = HexFormat.of().parseHex(nonce);
        String legacy = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertEquals(75, legacy.length());
        assertEquals(Status.STALE, service.validate(legacy, REALM));
        assertEquals(Status.INVALID, service.validate(legacy, "other.example.com"), "still bound to its realm");
        raw[30] ^= 1;
        assertEquals(Status.INVALID, service.validate(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw), REALM),
                "and to the secret");
    }

    @Test
    void upperCaseSpellingOfAGenuineNonceIsInvalid() {
        String nonce = service.issue(REALM);
        String upper = nonce.toUpperCase(java.util.Locale.ROOT);
        assertTrue(Arrays.equals(HexFormat.of().parseHex(nonce), HexFormat.of().parseHex(upper)),
                "the upper-case spelling decodes to the same bytes");
        assertEquals(Status.INVALID, service.validate(upper, REALM));
    }

    @Test
    void nonceCountMustGrow() {
        String nonce = service.issue(REALM);
        assertEquals(Use.ACCEPTED, service.recordUse(nonce, 1));
        assertEquals(Use.REPLAY, service.recordUse(nonce, 1), "same nc twice");
        assertEquals(Use.ACCEPTED, service.recordUse(nonce, 3), "gaps are fine (lost requests)");
        assertEquals(Use.REPLAY, service.recordUse(nonce, 2), "lower nc");
        assertEquals(Use.REPLAY, service.recordUse(nonce, 3));
        assertEquals(Use.ACCEPTED, service.recordUse(nonce, 4));
        assertEquals(Use.ACCEPTED, service.recordUse(service.issue(REALM), 1), "counts are per nonce");
        assertEquals(2, service.trackedNonces());
    }

    @Test
    void nonceWithoutQopIsSingleUse() {
        String nonce = service.issue(REALM);
        assertEquals(Use.ACCEPTED, service.recordSingleUse(nonce));
        assertEquals(Use.REPLAY, service.recordSingleUse(nonce));
        assertEquals(Use.REPLAY, service.recordUse(nonce, 1), "cannot switch to counted use afterwards");
        String counted = service.issue(REALM);
        assertEquals(Use.ACCEPTED, service.recordUse(counted, 1));
        assertEquals(Use.REPLAY, service.recordSingleUse(counted), "nor back to one-shot");
    }

    @Test
    void useAfterExpiryIsReportedAsExpired() {
        String nonce = service.issue(REALM);
        String unused = service.issue(REALM);
        assertEquals(Use.ACCEPTED, service.recordUse(nonce, 1));
        clock.advance(Duration.ofSeconds(301));
        assertEquals(Use.EXPIRED, service.recordUse(nonce, 2));
        assertEquals(Use.EXPIRED, service.recordSingleUse(unused));
        assertEquals(1, service.trackedNonces(), "an expired nonce is not taken on");
    }

    @Test
    void expiredEntriesAreSweptButNotBeforeTheirNonceIsStale() {
        String early = service.issue(REALM);
        assertEquals(Use.ACCEPTED, service.recordUse(early, 5));
        clock.advance(Duration.ofSeconds(200));
        String late = service.issue(REALM);
        assertEquals(Use.ACCEPTED, service.recordUse(late, 1));
        assertEquals(2, service.trackedNonces());

        // early expires at 300 s; the sweep runs every 30 s with 30 s of slack
        clock.advance(Duration.ofSeconds(90)); // t = 290 s
        service.recordUse(late, 2);
        assertEquals(2, service.trackedNonces());
        assertEquals(Use.REPLAY, service.recordUse(early, 5), "still remembered while valid");

        clock.advance(Duration.ofSeconds(50)); // t = 340 s: early expired 40 s ago
        assertEquals(Use.ACCEPTED, service.recordUse(late, 3));
        assertEquals(1, service.trackedNonces());
        assertEquals(Status.STALE, service.validate(early, REALM), "what the memory forgot, validation refuses");
        assertEquals(Use.EXPIRED, service.recordUse(early, 5));
    }

    @Test
    void fullTrackerRefusesNewNoncesButServesKnownOnes() {
        NonceService small = new NonceService(SECRET, clock, Duration.ofSeconds(60), 3);
        List<String> nonces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nonces.add(small.issue(REALM));
            assertEquals(Use.ACCEPTED, small.recordUse(nonces.get(i), 1));
        }
        String fourth = small.issue(REALM);
        assertEquals(Use.TRACKER_FULL, small.recordUse(fourth, 1));
        assertEquals(Use.TRACKER_FULL, small.recordSingleUse(fourth));
        assertEquals(3, small.trackedNonces());
        assertEquals(Use.ACCEPTED, small.recordUse(nonces.get(0), 2));
        assertEquals(Use.REPLAY, small.recordUse(nonces.get(1), 1));

        clock.advance(Duration.ofSeconds(60 + 6 + 1)); // past expiry plus the 6 s sweep slack
        String fresh = small.issue(REALM);
        assertEquals(Use.ACCEPTED, small.recordUse(fresh, 1));
        assertEquals(1, small.trackedNonces());
    }

    @Test
    void recordingRejectsNonNoncesAndBadCounts() {
        assertThrows(IllegalArgumentException.class, () -> service.recordUse("garbage", 1));
        assertThrows(IllegalArgumentException.class, () -> service.recordSingleUse(null));
        String nonce = service.issue(REALM);
        assertThrows(IllegalArgumentException.class, () -> service.recordUse(nonce, 0));
        assertThrows(IllegalArgumentException.class, () -> service.recordUse(nonce, -1));
        assertThrows(IllegalArgumentException.class, () -> service.recordUse(nonce, Long.MAX_VALUE));
        assertEquals(0, service.trackedNonces());
    }

    @Test
    void constructorChecksItsArguments() {
        assertThrows(IllegalArgumentException.class, () -> new NonceService(new byte[15], clock));
        assertThrows(IllegalArgumentException.class, () -> new NonceService(SECRET, clock, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new NonceService(SECRET, clock, Duration.ofSeconds(-1), 10));
        assertThrows(IllegalArgumentException.class, () -> new NonceService(SECRET, clock, Duration.ofSeconds(1), 0));
        assertThrows(NullPointerException.class, () -> new NonceService(null, clock));
        assertThrows(NullPointerException.class, () -> new NonceService(SECRET, null));
    }

    @Test
    void secretIsCopiedAndNewSecretsDiffer() {
        byte[] secret = NonceService.newSecret();
        assertEquals(32, secret.length);
        assertNotEquals(Arrays.toString(secret), Arrays.toString(NonceService.newSecret()));
        NonceService s = new NonceService(secret, clock);
        String nonce = s.issue(REALM);
        Arrays.fill(secret, (byte) 0);
        assertEquals(Status.VALID, s.validate(nonce, REALM), "later changes to the caller's array do not matter");
    }

    @Test
    void concurrentReplaysOfOneCountLetExactlyOneThrough() throws Exception {
        pool = Executors.newFixedThreadPool(16);
        for (int round = 0; round < 50; round++) {
            String nonce = service.issue(REALM);
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Use>> tasks = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                tasks.add(() -> {
                    start.await();
                    return service.recordUse(nonce, 1);
                });
            }
            List<Future<Use>> futures = new ArrayList<>();
            for (Callable<Use> task : tasks) {
                futures.add(pool.submit(task));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Use> f : futures) {
                Use use = f.get(10, TimeUnit.SECONDS);
                if (use == Use.ACCEPTED) {
                    accepted++;
                } else {
                    assertEquals(Use.REPLAY, use);
                }
            }
            assertEquals(1, accepted, "round " + round);
        }
    }

    @Test
    void concurrentClientsWithTheirOwnNoncesAreAllServed() throws Exception {
        pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                int accepted = 0;
                for (int n = 0; n < 20; n++) {
                    String nonce = service.issue(REALM);
                    for (long nc = 1; nc <= 25; nc++) {
                        if (service.validate(nonce, REALM) == Status.VALID && service.recordUse(nonce, nc) == Use.ACCEPTED) {
                            accepted++;
                        }
                        if (service.recordUse(nonce, nc) != Use.REPLAY) {
                            return -1;
                        }
                    }
                }
                return accepted;
            }));
        }
        for (Future<Integer> f : futures) {
            assertEquals(20 * 25, f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(8 * 20, service.trackedNonces());
    }
}
