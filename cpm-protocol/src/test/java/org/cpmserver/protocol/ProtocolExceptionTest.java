package org.cpmserver.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProtocolExceptionTest {

    @Test
    void reasonJoinsComponentAndDetail() {
        ProtocolException e = new ProtocolException("Bad CPIM", "missing blank line after message headers");
        assertEquals("Bad CPIM: missing blank line after message headers", e.reason());
        assertEquals("Bad CPIM", e.component());
        assertEquals("missing blank line after message headers", e.detail());
        assertEquals(400, e.statusCode());
    }

    @Test
    void reasonCannotCarryLineBreaksIntoASipResponse() {
        ProtocolException e = new ProtocolException("Bad CPIM", "x\r\nVia: evil\u0000\u0085");
        assertFalse(e.reason().contains("\r"));
        assertFalse(e.reason().contains("\n"));
        assertEquals("Bad CPIM: x??Via: evil??", e.reason());
    }

    @Test
    void reasonIsTruncated() {
        ProtocolException e = new ProtocolException("Bad CPIM", "y".repeat(500));
        assertEquals(163, e.reason().length());
        assertTrue(e.reason().endsWith("..."));
    }

    @Test
    void truncationDoesNotSplitASurrogatePair() {
        String detail = "a".repeat(149) + "\uD83D\uDE00" + "tail".repeat(10);
        String reason = new ProtocolException("Bad CPIM", detail).reason();
        assertFalse(Character.isHighSurrogate(reason.charAt(reason.length() - 4)));
    }

    @Test
    void quoteShortensAndSanitisesUntrustedText() {
        assertEquals("'abc'", ProtocolException.quote("abc"));
        assertEquals("'a?b'", ProtocolException.quote("a\nb"));
        assertEquals("'" + "z".repeat(40) + "...'", ProtocolException.quote("z".repeat(41)));
        assertEquals("''", ProtocolException.quote(null));
    }

    @Test
    void rewrappingKeepsDetailStatusAndCause() {
        ProtocolException inner = new ProtocolException("Too many recipients", "more than 3", ProtocolException.FORBIDDEN);
        ProtocolException outer = inner.in("Bad resource-lists");
        assertEquals("Bad resource-lists: more than 3", outer.reason());
        assertEquals(403, outer.statusCode());
        assertSame(inner, outer.getCause());
    }

    @Test
    void statusMustBeAnErrorStatus() {
        assertThrows(IllegalArgumentException.class, () -> new ProtocolException("x", "y", 200));
        assertThrows(IllegalArgumentException.class, () -> new ProtocolException("x", "y", 700));
    }
}
