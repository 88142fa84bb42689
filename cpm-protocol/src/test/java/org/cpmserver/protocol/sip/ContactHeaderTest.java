package org.cpmserver.protocol.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;

class ContactHeaderTest {

    @Test
    void nameAddrWithDisplayNameCommasAndParameters() {
        List<ContactHeader.Contact> cs = ContactHeader.parse(
                "\"Bob, the <best>\" <sip:bob@h;transport=tcp>;expires=60;+g.oma.x, sip:b2@h;q=0.5");
        assertEquals(2, cs.size());
        assertEquals("sip:bob@h;transport=tcp", cs.get(0).uri());
        assertEquals(Map.of("expires", "60", "+g.oma.x", ""), cs.get(0).parameters());
        assertEquals("sip:b2@h", cs.get(1).uri(), "an addr-spec's parameters belong to the header");
        assertEquals(Map.of("q", "0.5"), cs.get(1).parameters());
    }

    @Test
    void quotedParameterValuesKeepTheirSemicolons() {
        ContactHeader.Contact c = ContactHeader.parse("<sip:a@h>;+x=\"a;b,c\";Video").get(0);
        assertEquals("\"a;b,c\"", c.parameters().get("+x"));
        assertTrue(c.parameters().containsKey("video"), "names are lower-cased");
    }

    @Test
    void wildcardIsNoContact() {
        assertEquals(List.of(), ContactHeader.parse("*"));
    }

    @Test
    void refusesBrokenContacts() {
        for (String bad : new String[] {"", "<sip:a@h", "<sip:a@h>;", "<sip:a@h> junk", "\"open <sip:a@h>",
                "<nouri>", "<sip:a@h>;=v", "sip:a@h,,sip:b@h"}) {
            assertThrows(ProtocolException.class, () -> ContactHeader.parse(bad), bad);
        }
    }
}
