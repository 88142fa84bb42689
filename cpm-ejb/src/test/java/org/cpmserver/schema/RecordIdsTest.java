package org.cpmserver.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Record keys: RFC 9562 version 7, unique across threads, their first 48 bits the creation time. */
class RecordIdsTest {

    @Test
    void keysAreVersion7AndCarryTheirCreationTime() {
        long before = System.currentTimeMillis();
        UUID key = UUID.fromString(RecordIds.next());
        long after = System.currentTimeMillis();
        assertEquals(7, key.version());
        assertEquals(2, key.variant(), "the RFC 9562 variant");
        long millis = key.getMostSignificantBits() >>> 16;
        assertTrue(millis >= before && millis <= after, "the key's time " + millis + " is its creation time");
        assertEquals(36, key.toString().length());
    }

    @Test
    void keysDrawnByFreshThreadsAtOnceAreAllDistinct() throws Exception {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> drawn = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                drawn.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        keys.add(RecordIds.next());
                    }
                }));
            }
            for (Future<?> f : drawn) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(64 * 2_000, keys.size());
    }
}
