package org.cpmserver.protocol.imdn;

import static org.cpmserver.protocol.imdn.DispositionNotification.Kind.DISPLAY;
import static org.cpmserver.protocol.imdn.DispositionNotification.Kind.NEGATIVE_DELIVERY;
import static org.cpmserver.protocol.imdn.DispositionNotification.Kind.POSITIVE_DELIVERY;
import static org.cpmserver.protocol.imdn.DispositionNotification.Kind.PROCESSING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DispositionNotificationTest {

    @Test
    void readsWhatRcsClientsSend() {
        DispositionNotification d = DispositionNotification.parse("positive-delivery, display");
        assertEquals(EnumSet.of(POSITIVE_DELIVERY, DISPLAY), d.kinds());
        assertTrue(d.requests(DISPLAY));
        assertFalse(d.requests(PROCESSING));
    }

    @Test
    void readsAllKindsInAnyCaseSpacingAndOrder() {
        DispositionNotification d = DispositionNotification.parse("Display,PROCESSING ,  negative-delivery,positive-delivery");
        assertEquals(EnumSet.allOf(DispositionNotification.Kind.class), d.kinds());
        assertEquals("positive-delivery, negative-delivery, processing, display", d.toHeaderValue());
    }

    @Test
    void ignoresUnknownTokensAndParameters() {
        assertEquals(Set.of(DISPLAY), DispositionNotification.parse("x-future, display;foo=bar, interworking").kinds());
        DispositionNotification onlyUnknown = DispositionNotification.parse("x-future");
        assertTrue(onlyUnknown.isEmpty());
        assertEquals(DispositionNotification.none(), onlyUnknown);
        assertEquals("", onlyUnknown.toString());
    }

    @Test
    void writesInAbnfOrderWithoutDuplicates() {
        assertEquals("positive-delivery, display", DispositionNotification.of(DISPLAY, POSITIVE_DELIVERY, DISPLAY).toHeaderValue());
        assertEquals("negative-delivery", DispositionNotification.of(Set.of(NEGATIVE_DELIVERY)).toString());
        DispositionNotification d = DispositionNotification.of(PROCESSING, DISPLAY);
        assertEquals(d, DispositionNotification.parse(d.toHeaderValue()));
        assertEquals(d.hashCode(), DispositionNotification.parse(d.toHeaderValue()).hashCode());
        assertThrows(IllegalStateException.class, () -> DispositionNotification.none().toHeaderValue());
        assertTrue(DispositionNotification.of(Set.of()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ",", "display,", ",display", "display,,processing", "positive delivery",
        "\"display\"", "display/processing", "disp\u00e4y"})
    void refusesValuesThatAreNotTokenLists(String value) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> DispositionNotification.parse(value));
        assertTrue(e.reason().startsWith("Bad IMDN: "), e.reason());
    }
}
