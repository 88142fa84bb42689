package org.cpmserver.protocol.imdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImdnMessageIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"Wnbpm2jCDvVYKwmbRx0v", "34jk324j", "d834jied93rf", "550e8400-e29b-41d4-a716-446655440000",
        "aGVsbG8+/w==", "id@host.example", "a", "~!#$%&'()*+,-./:;=?@[]^_`{|}"})
    void acceptsTheShapesClientsUse(String id) {
        assertEquals(id, ImdnMessageId.parse(id).value());
        assertEquals(id, ImdnMessageId.parse("  " + id + "\t").toString());
    }

    @Test
    void acceptsTheMaximumLength() {
        assertEquals(256, ImdnMessageId.parse("x".repeat(256)).value().length());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "has space", "quote\"", "<angle>", "back\\slash", "caf\u00e9", "tab\tinside", "nul\u0000"})
    void refusesOtherCharacters(String id) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ImdnMessageId.parse(id));
        assertTrue(e.reason().startsWith("Bad IMDN: "), e.reason());
    }

    @Test
    void refusesOverlongIds() {
        assertEquals("Bad IMDN: Message-ID longer than 256",
                assertThrows(ProtocolException.class, () -> ImdnMessageId.parse("x".repeat(257))).reason());
    }

    @Test
    void comparesExactly() {
        assertEquals(ImdnMessageId.parse("abc"), ImdnMessageId.parse("abc"));
        assertEquals(ImdnMessageId.parse("abc").hashCode(), ImdnMessageId.parse("abc").hashCode());
        assertNotEquals(ImdnMessageId.parse("abc"), ImdnMessageId.parse("ABC"));
    }

    @Test
    void randomIdsAreWellFormedAndDistinct() {
        Set<ImdnMessageId> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            ImdnMessageId id = ImdnMessageId.random();
            assertTrue(id.value().matches("[0-9A-Za-z]{20}"), id.value());
            assertEquals(id, ImdnMessageId.parse(id.value()));
            seen.add(id);
        }
        assertEquals(1000, seen.size());
    }
}
