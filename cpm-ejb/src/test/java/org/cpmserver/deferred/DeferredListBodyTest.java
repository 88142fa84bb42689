package org.cpmserver.deferred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.protocol.deferred.DeferredList;
import org.cpmserver.protocol.deferred.DeferredXml;
import org.cpmserver.protocol.sip.SipAddress;
import org.junit.jupiter.api.Test;

class DeferredListBodyTest {

    private static final SipAddress BOB = SipAddress.parse("sip:bob@example.com");

    private static List<DeferredRecord> waiting(int n) {
        List<DeferredRecord> records = new ArrayList<>();
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        for (int i = 1; i <= n; i++) {
            records.add(new DeferredRecord("id-" + i, i, BOB.uri(), "sip:alice@example.com", i % 2 == 0 ? null : "m-" + i, "c", "c",
                    "message/cpim", ("body " + i).getBytes(StandardCharsets.UTF_8), t.plusSeconds(i), t.plusSeconds(3600)));
        }
        return records;
    }

    @Test
    void listsTheOldestThatFitAndTellsTheTotal() {
        byte[] body = DeferredMessaging.listBody(BOB, waiting(30), 1300);
        assertTrue(body.length <= 1300, () -> body.length + " bytes");
        DeferredList list = DeferredXml.parseList(body);
        assertEquals(30, list.total());
        assertTrue(list.entries().size() >= 3, list::toString);
        for (int i = 0; i < list.entries().size(); i++) {
            assertEquals("id-" + (i + 1), list.entries().get(i).id());
        }
        assertEquals("m-1", list.entries().get(0).messageId().orElseThrow().value());
        assertTrue(list.entries().get(1).messageId().isEmpty());
        assertEquals(6, list.entries().get(0).size());
    }

    @Test
    void aFewMessagesAreAllListed() {
        DeferredList list = DeferredXml.parseList(DeferredMessaging.listBody(BOB, waiting(2), 1300));
        assertEquals(2, list.total());
        assertEquals(2, list.entries().size());
    }

    @Test
    void atLeastOneEntryEvenWhenTheLimitIsTiny() {
        assertEquals(1, DeferredXml.parseList(DeferredMessaging.listBody(BOB, waiting(5), 10)).entries().size());
    }
}
