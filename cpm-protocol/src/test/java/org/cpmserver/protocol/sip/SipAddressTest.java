package org.cpmserver.protocol.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SipAddressTest {

    @Test
    void canonicalisesSchemeAndDomainButNotUser() {
        SipAddress a = SipAddress.parse("<SIP:Alice@LocalHost:5060;transport=tcp>");
        assertEquals("sip:Alice@localhost", a.uri());
        assertEquals(SipAddress.of("Alice", "localhost"), a);
        assertNotEquals(SipAddress.of("alice", "localhost"), a);
    }

    @Test
    void keepsTelephoneStyleUsers() {
        assertEquals("sip:+4930123;phone@example.com".replace(";phone", ""),
                SipAddress.parse("sip:+4930123@example.com").uri());
    }

    @Test
    void rejectsWhatIsNotAUserAddress() {
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse("tel:+4930123"));
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse("sip:example.com"));
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse("sip:@example.com"));
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse("sip:a b@example.com"));
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse("sip:alice@exa_mple.com"));
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse("sip:alice@-bad.com"));
        assertThrows(IllegalArgumentException.class, () -> SipAddress.parse(null));
    }
}
