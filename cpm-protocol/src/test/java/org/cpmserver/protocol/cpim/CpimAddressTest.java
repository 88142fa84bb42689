package org.cpmserver.protocol.cpim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpimAddressTest {

    @Test
    void readsTheThreeForms() {
        CpimAddress bare = CpimAddress.parse("<sip:anonymous@anonymous.invalid>");
        assertEquals(Optional.empty(), bare.displayName());
        assertEquals("sip:anonymous@anonymous.invalid", bare.uri());
        assertEquals(CpimAddress.ANONYMOUS, bare);

        CpimAddress quoted = CpimAddress.parse("\"Alice \\\"Al\\\" Liddell\" <im:alice@example.com>");
        assertEquals(Optional.of("Alice \"Al\" Liddell"), quoted.displayName());
        assertEquals("im:alice@example.com", quoted.uri());

        CpimAddress words = CpimAddress.parse("  MR SANDERS <im:piglet@100akerwood.com>  ");
        assertEquals(Optional.of("MR SANDERS"), words.displayName());
        assertEquals("im:piglet@100akerwood.com", words.uri());

        CpimAddress tight = CpimAddress.parse("\"Bob\"<tel:+15551234567;phone-context=x>");
        assertEquals(Optional.of("Bob"), tight.displayName());
        assertEquals("tel:+15551234567;phone-context=x", tight.uri());
    }

    @Test
    void anEmptyNameIsNoName() {
        assertEquals(CpimAddress.of("sip:a@b"), CpimAddress.parse("\"\" <sip:a@b>"));
        assertEquals(CpimAddress.of("sip:a@b"), CpimAddress.of("", "sip:a@b"));
    }

    @Test
    void writesTheNameQuotedAndEscaped() {
        assertEquals("<sip:a@b>", CpimAddress.of("sip:a@b").toString());
        assertEquals("\"Ann \\\\ \\\"Q\\\"\" <sip:a@b>", CpimAddress.of("Ann \\ \"Q\"", "sip:a@b").toString());
        CpimAddress unicode = CpimAddress.of("Zo\u00eb \u263a", "sip:zoe@example.com");
        assertEquals(unicode, CpimAddress.parse(unicode.toString()));
        CpimAddress tricky = CpimAddress.of("a\\", "sip:a@b");
        assertEquals(tricky, CpimAddress.parse(tricky.toString()));
        assertEquals(CpimAddress.of("sip:a@b"), tricky.withoutDisplayName());
        assertNotEquals(tricky, tricky.withoutDisplayName());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:bob@example.com", "<sip:bob@example.com", "sip:bob@example.com>", "<>", "<bob>", "<:x>",
        "<sip:>", "<1sip:bob@x>", "<sip:bob @example.com>", "<sip:bob@example.com> trailing",
        "\"unterminated <sip:a@b>", "\"Bob\" x <sip:a@b>", "Bo\"b <sip:a@b>", "<sip:a<b>", "<sip:a\"b>",
        "<sip:bob@ex\u00e4mple.com>", "\"Bob\\\" <sip:a@b>", "Bob\u0001 <sip:a@b>", "\"Tab\there\" <sip:a@b>",
        "Bob > <sip:a@b>", "\"Bob\"",
    })
    void refusesOtherForms(String value) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> CpimAddress.parse(value));
        assertTrue(e.reason().startsWith("Bad CPIM: "), e.reason());
    }

    @Test
    void refusesBadValuesFromCode() {
        assertThrows(IllegalArgumentException.class, () -> CpimAddress.of("no scheme"));
        assertThrows(IllegalArgumentException.class, () -> CpimAddress.of("sip:a>b"));
        assertThrows(IllegalArgumentException.class, () -> CpimAddress.of("x\r\ny", "sip:a@b"));
        assertThrows(IllegalArgumentException.class, () -> CpimAddress.of(null));
    }
}
