package org.cpmserver.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** The rate cap under digest authentication: a challenge now means an authenticated retry soon. */
class RateCapTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long RETRY_DELAY = SECOND / 200; // the 407's round trip: 5 ms

    /** Offers new MESSAGEs at {@code offered}/s for 10 s; each one challenged comes back RETRY_DELAY later. */
    private static int[] run(OverloadGuard.RateCap cap, int offered) {
        Deque<Long> retries = new ArrayDeque<>();
        int challenged = 0;
        int admitted = 0;
        int retriesShed = 0;
        long step = SECOND / offered;
        for (long t = 0; t < 10 * SECOND; t += step) {
            while (!retries.isEmpty() && retries.peekFirst() <= t) {
                if (cap.take(retries.pollFirst())) {
                    admitted++;
                } else {
                    retriesShed++;
                }
            }
            if (cap.mayChallenge(t)) {
                challenged++;
                retries.addLast(t + RETRY_DELAY);
            }
        }
        while (!retries.isEmpty()) { // the retries of the last challenges
            if (cap.take(retries.pollFirst())) {
                admitted++;
            } else {
                retriesShed++;
            }
        }
        return new int[] {challenged, admitted, retriesShed};
    }

    @Test
    void atTwiceTheCapTheRetriesOfTheChallengedAreNotShed() {
        int[] r = run(new OverloadGuard.RateCap(1000, 0), 2000);
        assertEquals(10_000, r[1], 150, "admitted about the cap");
        assertTrue(r[2] <= 100, "a challenged message's retry is rarely shed: " + r[2]);
        assertTrue(r[0] <= 10_200, "challenges paced at the cap: " + r[0]);
    }

    @Test
    void belowTheCapEverythingPasses() {
        int[] r = run(new OverloadGuard.RateCap(1000, 0), 500);
        assertEquals(5000, r[0], "every offered MESSAGE challenged");
        assertEquals(5000, r[1], "and its retry admitted");
        assertEquals(0, r[2]);
    }

    @Test
    void noChallengeWhileTheCapIsExhausted() {
        OverloadGuard.RateCap cap = new OverloadGuard.RateCap(10, 0);
        assertTrue(cap.take(0));
        assertFalse(cap.mayChallenge(0), "the cap's burst of one is spent");
        assertTrue(cap.mayChallenge(SECOND / 10));
        assertFalse(cap.mayChallenge(SECOND / 10), "and challenges have a burst of their own");
    }
}
