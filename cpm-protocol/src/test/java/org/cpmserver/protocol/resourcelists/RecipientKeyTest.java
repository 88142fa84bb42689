package org.cpmserver.protocol.resourcelists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecipientKeyTest {

    @ParameterizedTest
    @CsvSource({
        "sip:alice@example.com, SIP:alice@EXAMPLE.com",
        "sip:alice@example.com;transport=TCP, sip:alice@example.com;Transport=tcp",
        "sip:%61lice@example.com, sip:alice@example.com",
        "sip:a%2fb@example.com, sip:a%2Fb@example.com",
        "sips:example.com, sips:EXAMPLE.COM",
        "tel:+1-555-0100, tel:+1.555.(0100)",
        "tel:+15550100;Phone-Context=x, tel:+15550100;phone-context=X",
        "tel:5550100;phone-context=example.com, tel:555-0100;phone-context=example.com",
        "tel:+1555abcd, tel:+1555ABCD",
        "IM:bob@example.com, im:bob@example.com",
    })
    void sameRecipient(String a, String b) {
        assertEquals(RecipientKey.of(a), RecipientKey.of(b));
    }

    @ParameterizedTest
    @CsvSource({
        "sip:alice@example.com, sip:Alice@example.com",
        "sip:alice@example.com, sips:alice@example.com",
        "sip:alice@example.com, sip:alice@example.com:5060",
        "sip:alice@example.com, sip:alice@example.com;user=phone",
        "sip:a%2fb@example.com, sip:a/b@example.com",
        "tel:+15550100, tel:+15550101",
        "im:bob@example.com, im:Bob@example.com",
        "sip:+15550100@example.com, tel:+15550100",
    })
    void differentRecipients(String a, String b) {
        assertNotEquals(RecipientKey.of(a), RecipientKey.of(b));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:a@b", "tel:+1", "urn:service:sos", "a+b-c.d:x", "sip:a@b;p=%20"})
    void absoluteUris(String uri) {
        assertTrue(RecipientKey.isUri(uri));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sip", "sip:", ":x", "1sip:a", "s_p:a", "sip:a b", "sip:a<b", "sip:a\"b", "sip:\u00e9", "sip:a\tb"})
    void notAbsoluteUris(String uri) {
        assertFalse(RecipientKey.isUri(uri));
    }
}
