package org.cpmserver.sip;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The queue-delay decision of {@link OverloadGuard#queueRefusal}: new work gets half the budget. */
class QueueDelayTest {

    @Test
    void aRetryWithCredentialsMayWaitTheWholeBudget() {
        assertFalse(OverloadGuard.tooLate(0, 200, false));
        assertFalse(OverloadGuard.tooLate(200, 200, false));
        assertTrue(OverloadGuard.tooLate(201, 200, false));
    }

    @Test
    void newWorkThatWouldBeChallengedMayWaitHalfOfIt() {
        assertFalse(OverloadGuard.tooLate(100, 200, true));
        assertTrue(OverloadGuard.tooLate(101, 200, true));
        assertTrue(OverloadGuard.tooLate(150, 200, true), "refused where a retry would still be taken");
        assertFalse(OverloadGuard.tooLate(150, 200, false));
    }

    @Test
    void aClockThatStepsBackIsNotOverload() {
        assertFalse(OverloadGuard.tooLate(-5_000, 200, true));
    }
}
