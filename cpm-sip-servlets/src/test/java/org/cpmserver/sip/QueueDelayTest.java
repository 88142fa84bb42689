package org.cpmserver.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The queue-delay decision of {@link OverloadGuard#queueRefusal}: a standing queue, not a burst. */
class QueueDelayTest {

    private final OverloadGuard.QueueDelayGate gate = new OverloadGuard.QueueDelayGate(200, 100);

    @Test
    void shortWaitsAreNeverRefused() {
        for (long t = 0; t < 10_000; t += 10) {
            assertFalse(gate.refuse(100, true, t));
            assertFalse(gate.refuse(100, false, t));
        }
    }

    @Test
    void aBurstThatDrainsWithinTheIntervalIsNotRefused() {
        // a GC pause: for 80 ms every request has waited 150 ms, then the queue is gone
        for (long t = 1_000; t < 1_080; t += 2) {
            assertFalse(gate.refuse(150, true, t), "at " + t);
        }
        assertFalse(gate.refuse(5, true, 1_082));
        assertFalse(gate.refuse(150, true, 1_150), "a new burst starts a new interval");
    }

    @Test
    void aStandingQueueRefusesNewWorkOverHalfTheBudget() {
        assertFalse(gate.refuse(150, true, 1_000));
        assertFalse(gate.refuse(150, true, 1_099));
        assertTrue(gate.refuse(150, true, 1_100), "over the target for a whole interval");
        assertTrue(gate.refuse(101, true, 1_200));
        assertFalse(gate.refuse(150, false, 1_200), "a retry with credentials may wait the whole budget");
        assertTrue(gate.refuse(201, false, 1_200), "but no longer");
    }

    @Test
    void oneRequestUnderTheTargetEndsTheStandingQueue() {
        for (long t = 1_000; t < 1_200; t += 10) {
            gate.refuse(150, true, t);
        }
        assertTrue(gate.refuse(150, true, 1_200));
        assertFalse(gate.refuse(80, true, 1_201));
        assertFalse(gate.refuse(150, true, 1_202), "the interval starts again");
        for (long t = 1_212; t < 1_302; t += 10) {
            assertFalse(gate.refuse(150, true, t));
        }
        assertTrue(gate.refuse(150, true, 1_302));
    }

    @Test
    void aLateRequestAfterAQuietSpellStartsANewEpisode() {
        assertFalse(gate.refuse(150, true, 1_000), "the last request of a burst");
        // no traffic for a minute, then one late request: not a standing queue
        assertFalse(gate.refuse(150, true, 61_000));
        assertFalse(gate.refuse(150, true, 61_050));
        assertTrue(gate.refuse(150, true, 61_100), "but a standing queue from then on is");
    }

    @Test
    void waitsOverTheTargetThatComeTooSparselyAreNotAStandingQueue() {
        for (long t = 1_000; t < 5_000; t += 150) {
            assertFalse(gate.refuse(150, true, t), "at " + t);
        }
    }
}
