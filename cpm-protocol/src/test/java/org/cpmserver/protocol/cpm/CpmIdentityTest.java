package org.cpmserver.protocol.cpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CpmIdentityTest {

    @Test
    void readsWhatClientsSend() {
        assertEquals("f81d4fae-7dec-11d0-a765-00a0c91e6bf6", ConversationId.parse(" f81d4fae-7dec-11d0-a765-00a0c91e6bf6 ").value());
        assertEquals("abc.DEF_123@x", ContributionId.parse("abc.DEF_123@x").value());
        assertEquals(ConversationId.parse("a"), ConversationId.parse("a"));
        assertNotEquals(ConversationId.parse("a"), ConversationId.parse("A"));
        assertNotEquals(ConversationId.random(), ConversationId.random());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "a b", "a\r\nVia: x", "a;b", "a,b", "<a>", "a\"b", "é"})
    void refusesWhatCannotBeEchoedSafely(String bad) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ContributionId.parse(bad));
        assertEquals(400, e.statusCode());
        assertEquals(true, e.reason().startsWith("Bad Contribution-ID"), e.reason());
    }

    @Test
    void refusesOverlongAndMissing() {
        assertThrows(ProtocolException.class, () -> ConversationId.parse("x".repeat(256)));
        assertEquals(255, ConversationId.parse("x".repeat(255)).value().length());
        assertThrows(ProtocolException.class, () -> ConversationId.parse(null));
    }
}
