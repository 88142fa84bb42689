package org.cpmserver.schema;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.NoArgGenerator;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Keys of the rows the server writes (messages, deliveries, deferred messages, registrations,
 * events): UUID version 7 (RFC 9562), whose first 48 bits are the Unix time in milliseconds.
 *
 * <p>Why not {@code UUID.randomUUID()}: a random key lands on a random leaf of the primary-key
 * index, so under load every insert touches a different page and the database's page cache
 * churns (the pager profile of 2026-12-05 showed Derby reading index pages back from disk). A
 * time-ordered key appends to the right-hand leaf. The 74 random bits keep keys unguessable and
 * unique across nodes; they come from {@link ThreadLocalRandom}, not from the one SecureRandom
 * lock that {@code randomUUID()} shares across the JVM (the key is not a secret). Keys stay 36
 * characters, so the schema is unchanged and keys written by earlier releases still fit.
 *
 * <p>One generator per thread: {@code ThreadLocalRandom.current()} must be called by the thread
 * that draws from it (that call seeds the thread), and the generator's own lock is then never
 * contended.
 */
public final class RecordIds {

    private static final ThreadLocal<NoArgGenerator> GENERATOR =
            ThreadLocal.withInitial(() -> Generators.timeBasedEpochRandomGenerator(ThreadLocalRandom.current()));

    private RecordIds() {
    }

    /** A new key, in the canonical 36-character form. */
    public static String next() {
        return GENERATOR.get().generate().toString();
    }
}
