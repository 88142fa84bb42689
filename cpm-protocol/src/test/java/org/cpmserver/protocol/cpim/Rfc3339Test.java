package org.cpmserver.protocol.cpim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @CsvSource({
        "2024-04-22T10:15:30.000Z, 2024-04-22T10:15:30Z",
        "2024-04-22t10:15:30z, 2024-04-22T10:15:30Z",
        "1985-04-12T23:20:50.52Z, 1985-04-12T23:20:50.520Z",
        "1996-12-19T16:39:57-08:00, 1996-12-19T16:39:57-08:00",
        "1937-01-01T12:00:27.87+00:20, 1937-01-01T12:00:27.870+00:20",
        "2008-04-04T12:16:49.123456-05:00, 2008-04-04T12:16:49.123456-05:00",
        "2008-04-04T12:16:49.123456789+05:30, 2008-04-04T12:16:49.123456789+05:30",
        "2008-04-04T12:16:49.1+00:00, 2008-04-04T12:16:49.100Z",
        "2008-04-04T12:16:49-00:00, 2008-04-04T12:16:49Z",
        "1990-12-31T23:59:60Z, 1990-12-31T23:59:59Z",
    })
    void readsRfc3339AndWritesTheCanonicalForm(String input, String canonical) {
        OffsetDateTime t = Rfc3339.parse(input);
        assertEquals(canonical, Rfc3339.format(t));
        assertEquals(t, Rfc3339.parse(Rfc3339.format(t)));
    }

    @Test
    void readsTheFieldsExactly() {
        OffsetDateTime t = Rfc3339.parse("2024-02-29T01:02:03.004-07:30");
        assertEquals(OffsetDateTime.of(2024, 2, 29, 1, 2, 3, 4_000_000, ZoneOffset.ofHoursMinutes(-7, -30)), t);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "2024-04-22", "2024-04-22T10:15:30", "2024-04-22 10:15:30Z", "2024-04-22T10:15Z",
        "24-04-22T10:15:30Z", "+2024-04-22T10:15:30Z", "2024-4-22T10:15:30Z", "2024-04-22T10:15:30.Z",
        "2024-04-22T10:15:30.1234567890Z", "2024-04-22T10:15:30+0100", "2024-04-22T10:15:30+01",
        "2024-04-22T10:15:30+01:00:00", "2024-04-22T10:15:30+24:00", "2024-04-22T10:15:30+01:60",
        "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-04-22T24:00:00Z",
        "2024-04-22T23:60:00Z", "2024-04-22T23:59:61Z", "2024-04-22T10:15:30Zjunk", "2024-04-22T10:15:30ZZ",
        "２０２４-04-22T10:15:30Z", "2024-04-22T10:15:30 Z", " 2024-04-22T10:15:30Z", "2024-04-22T10:15:30+1:00",
    })
    void refusesAnythingElse(String input) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> Rfc3339.parse(input));
        assertTrue(e.detail().startsWith("is not an RFC 3339 date-time: "), e.detail());
    }

    @Test
    void writesSubSecondPrecisionInGroupsOfThree() {
        OffsetDateTime base = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC);
        assertEquals("2024-01-02T03:04:05Z", Rfc3339.format(base));
        assertEquals("2024-01-02T03:04:05.001Z", Rfc3339.format(base.withNano(1_000_000)));
        assertEquals("2024-01-02T03:04:05.000001Z", Rfc3339.format(base.withNano(1_000)));
        assertEquals("2024-01-02T03:04:05.000000001Z", Rfc3339.format(base.withNano(1)));
    }

    @Test
    void writesOffsetsWithSecondsAsUtcAndRefusesFiveDigitYears() {
        OffsetDateTime odd = OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofTotalSeconds(3600 + 30));
        assertEquals("2024-01-02T02:03:35Z", Rfc3339.format(odd));
        assertEquals("0001-01-01T00:00:00-01:00", Rfc3339.format(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-1))));
        assertThrows(IllegalArgumentException.class,
                () -> Rfc3339.format(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
        assertThrows(IllegalArgumentException.class,
                () -> Rfc3339.format(OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));
    }
}
