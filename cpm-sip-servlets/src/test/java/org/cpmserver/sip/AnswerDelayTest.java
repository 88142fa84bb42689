package org.cpmserver.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The answer-delay decision of {@link OverloadGuard#refusal}: a backlog in front of the application, not a slow device. */
class AnswerDelayTest {

    private final OverloadGuard.AnswerDelayGate gate = new OverloadGuard.AnswerDelayGate(1000, 1000, 20);

    /** Refusals among {@code n} messages at {@code now}. */
    private int refused(int n, long now) {
        int refused = 0;
        for (int i = 0; i < n; i++) {
            if (gate.refusal(now) > 0) {
                refused++;
            }
        }
        return refused;
    }

    @Test
    void slowAndDistantDevicesNeverMakeTheNodeShedWhileOneDeviceAnswersQuickly() {
        gate.refusal(0);
        for (int i = 0; i < 100; i++) {
            gate.answered(i == 50 ? 40 : 5_000, 10 + i);
        }
        assertEquals(0, refused(100, 1_000));
    }

    @Test
    void aFewLateAnswersAreNoEvidence() {
        gate.refusal(0);
        for (int i = 0; i < 19; i++) {
            gate.answered(5_000, 10 + i);
        }
        assertEquals(0, refused(100, 1_000), "19 answers in an interval are too few to tell");
    }

    @Test
    void whenEvenTheQuickestAnswerIsLateThreeMessagesInFourAreShedUntilAnswersAreQuickAgain() {
        gate.refusal(0);
        for (int i = 0; i < 40; i++) {
            gate.answered(2_500 + i, 10 + i);
        }
        assertEquals(75, refused(100, 1_000), "the fourth goes on, so its answer tells whether the backlog drained");
        long late = 0;
        for (int i = 0; i < 4 && late == 0; i++) {
            late = gate.refusal(1_001);
        }
        assertEquals(2_500, late, "the reason names how late the quickest answer was");
        for (int i = 0; i < 25; i++) {
            gate.answered(900, 1_100 + i);
        }
        assertEquals(0, refused(100, 2_000), "the probes came back in time: the backlog is gone");
    }

    @Test
    void anIntervalOfLateAnswersLongAgoDoesNotShedNow() {
        gate.refusal(0);
        for (int i = 0; i < 40; i++) {
            gate.answered(3_000, 10 + i);
        }
        assertTrue(refused(4, 1_000) > 0);
        assertEquals(0, refused(100, 60_000), "after a quiet minute the old interval says nothing");
    }
}
