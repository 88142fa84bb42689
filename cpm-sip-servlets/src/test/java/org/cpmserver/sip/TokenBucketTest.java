package org.cpmserver.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    private static int taken(OverloadGuard.TokenBucket bucket, long from, long to, long step) {
        int n = 0;
        for (long t = from; t < to; t += step) {
            if (bucket.take(t)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void admitsTheConfiguredRateWhenOfferedTwice() {
        OverloadGuard.TokenBucket bucket = new OverloadGuard.TokenBucket(1000, 0);
        // 2000 offers a second for 10 s: 1000/s pass, plus the initial burst of 100
        int passed = taken(bucket, 0, 10 * SECOND, SECOND / 2000);
        assertEquals(10_100, passed, 2);
    }

    @Test
    void burstIsATenthOfASecond() {
        OverloadGuard.TokenBucket bucket = new OverloadGuard.TokenBucket(500, 0);
        int burst = 0;
        while (bucket.take(0)) {
            burst++;
        }
        assertEquals(50, burst);
    }

    @Test
    void recoversAfterAPause() {
        OverloadGuard.TokenBucket bucket = new OverloadGuard.TokenBucket(10, 0);
        assertTrue(bucket.take(0));
        assertFalse(bucket.take(0));
        assertFalse(bucket.take(SECOND / 20));
        assertTrue(bucket.take(SECOND / 10));
    }

    @Test
    void aLowRateStillAdmitsOneAtATime() {
        OverloadGuard.TokenBucket bucket = new OverloadGuard.TokenBucket(1, 0);
        assertTrue(bucket.take(0));
        assertFalse(bucket.take(SECOND / 2));
        assertTrue(bucket.take(SECOND));
    }

    @Test
    void lookingDoesNotTake() {
        OverloadGuard.TokenBucket bucket = new OverloadGuard.TokenBucket(10, 0);
        assertTrue(bucket.available(0));
        assertTrue(bucket.available(0));
        assertTrue(bucket.take(0));
        assertFalse(bucket.available(0), "the burst of one is spent");
        assertTrue(bucket.available(SECOND / 10), "refilled after a tenth of a second");
    }
}
