package org.cpmserver.protocol.msrp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalInt;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class MsrpUriTest {

    @Test
    void readsTheParts() {
        MsrpUri u = MsrpUri.parse("msrps://bob@relay.example.net:2855/s-1+a=/b;tcp;x=y");
        assertTrue(u.secure());
        assertEquals(Optional.of("bob"), u.userInfo());
        assertEquals("relay.example.net", u.host());
        assertEquals(OptionalInt.of(2855), u.port());
        assertEquals(Optional.of("s-1+a=/b"), u.sessionId());
        assertEquals("tcp", u.transport());
        assertEquals("msrps://bob@relay.example.net:2855/s-1+a=/b;tcp;x=y", u.toString());
    }

    @Test
    void portAndSessionAreOptional() {
        MsrpUri u = MsrpUri.parse("msrp://[2001:db8::1];tcp");
        assertFalse(u.secure());
        assertEquals("[2001:db8::1]", u.host());
        assertEquals(OptionalInt.empty(), u.port());
        assertEquals(Optional.empty(), u.sessionId());
    }

    @Test
    void refusesWhatIsNotAnMsrpUri() {
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpUri.parse("sip:bob@example.com")).reason()
                .startsWith("Bad MSRP URI: scheme"));
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://h:1/s")).reason().contains("transport"));
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://h:99999/s;tcp")).reason().contains("port"));
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://h:1/s s;tcp")).reason().contains("session id"));
        assertTrue(assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://:1/s;tcp")).reason().contains("host"));
        assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://[::1/s;tcp"));
        assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://h/s;"));
        assertThrows(ProtocolException.class, () -> MsrpUri.parse("msrp://h/" + "a".repeat(600) + ";tcp"));
    }
}
