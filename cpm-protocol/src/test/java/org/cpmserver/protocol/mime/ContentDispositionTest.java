package org.cpmserver.protocol.mime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {

    @Test
    void parsesTypeAndParameters() {
        ContentDisposition d = ContentDisposition.parse("Recipient-List; Handling=required");
        assertEquals("recipient-list", d.type());
        assertTrue(d.is("RECIPIENT-LIST"));
        assertFalse(d.is("notification"));
        assertEquals(Optional.of("required"), d.parameter("handling"));
        assertEquals("recipient-list;handling=required", d.toString());
        assertEquals(ContentDisposition.RECIPIENT_LIST, ContentDisposition.parse("recipient-list"));
        assertEquals(ContentDisposition.NOTIFICATION, ContentDisposition.parse(" notification "));
    }

    @Test
    void roundTrips() {
        ContentDisposition d = ContentDisposition.of("attachment", Map.of("filename", "a b.txt"));
        assertEquals("attachment;filename=\"a b.txt\"", d.toString());
        assertEquals(d, ContentDisposition.parse(d.toString()));
        assertEquals(d.hashCode(), ContentDisposition.parse(d.toString()).hashCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";handling=required", "recipient list", "notification; x", "notification; x=\"y"})
    void rejectsMalformedValues(String value) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContentDisposition.parse(value));
        assertTrue(e.reason().startsWith("Bad MIME: Content-Disposition "), e.reason());
    }

    @Test
    void refusesInvalidTypeFromCode() {
        assertThrows(IllegalArgumentException.class, () -> ContentDisposition.of("a;b", Map.of()));
    }
}
