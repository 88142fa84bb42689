package org.cpmserver.rest.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RestLimitsTest {

    @Test
    void aStringAtItsLimitPassesOneMoreIsNamedWithTheLimit() {
        assertTrue(RestLimits.lengthFault("password", "x".repeat(128), 128).isEmpty());
        assertEquals("password: at most 128 characters (this one has 129)",
                RestLimits.lengthFault("password", "x".repeat(129), 128).orElseThrow());
        assertTrue(RestLimits.lengthFault("displayName", null, 10).isEmpty(), "absent is the caller's rule");
    }

    @Test
    void aListAtItsLimitPassesOneMoreIsNamedWithTheLimit() {
        assertTrue(RestLimits.sizeFault("blockedSenders", List.of("a", "b"), 2).isEmpty());
        assertEquals("blockedSenders: at most 2 entries (this one has 3)",
                RestLimits.sizeFault("blockedSenders", List.of("a", "b", "c"), 2).orElseThrow());
        assertTrue(RestLimits.sizeFault("blockedSenders", null, 2).isEmpty());
    }

    @Test
    void wholeNumbersOnlyWithinTheirRange() {
        assertEquals(OptionalInt.of(50), RestLimits.wholeNumber("50", 1, 500));
        assertEquals(OptionalInt.of(7), RestLimits.wholeNumber(" 7 ", 1, 500));
        assertEquals(OptionalInt.of(500), RestLimits.wholeNumber("500", 1, 500));
        assertTrue(RestLimits.wholeNumber("501", 1, 500).isEmpty());
        assertTrue(RestLimits.wholeNumber("0", 1, 500).isEmpty());
        assertTrue(RestLimits.wholeNumber("ten", 1, 500).isEmpty());
        assertTrue(RestLimits.wholeNumber("99999999999", 0, Integer.MAX_VALUE).isEmpty(), "overflow");
        assertTrue(RestLimits.wholeNumber("1".repeat(5000), 0, Integer.MAX_VALUE).isEmpty());
        assertTrue(RestLimits.wholeNumber(null, 0, 1).isEmpty());
    }

    @Test
    void theStoredFieldsFitTheirColumns() {
        // preferences.blocked_senders is 16,000 characters, newline-joined
        assertTrue(RestLimits.BLOCKED_SENDERS * (RestLimits.URI_CHARS + 1) <= 16_000);
        // preferences.allowed_content_types is 2,000 characters, comma-joined
        assertTrue(RestLimits.CONTENT_TYPES * (RestLimits.CONTENT_TYPE_CHARS + 1) <= 2_000);
    }

    @Test
    void aBodyLimitHoldsItsLargestValidDocumentEvenFullyEscaped() {
        int escaped = 6; // \\uXXXX
        assertTrue((RestLimits.URI_CHARS + RestLimits.PASSWORD_CHARS + RestLimits.DISPLAY_NAME_CHARS) * escaped + 100
                <= RestLimits.USER_BODY_BYTES);
        assertTrue((RestLimits.BLOCKED_SENDERS * (RestLimits.URI_CHARS * escaped + 3)
                + RestLimits.CONTENT_TYPES * (RestLimits.CONTENT_TYPE_CHARS * escaped + 3) + 200)
                <= RestLimits.PREFERENCES_BODY_BYTES);
    }
}
