package org.cpmserver.protocol.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.cpmserver.protocol.ProtocolException;

/**
 * The promise every parser of this module makes about untrusted input, as checked by the fuzz
 * tests: it either returns a value or refuses the input with a {@link ProtocolException} (which
 * the SIP layer turns into a 4xx response), never anything else - no NullPointerException,
 * IndexOutOfBoundsException, StackOverflowError, OutOfMemoryError or hang. A few parsers
 * document {@link IllegalArgumentException} as their refusal instead; their fuzz tests name it.
 *
 * <p>Anything that escapes these methods is a finding: Jazzer reports it, stores the input and
 * fails the test.
 */
final class ParserContract {

    private ParserContract() {
    }

    /**
     * Runs {@code parser}; returns its value, or {@code null} when it refused the input in a
     * documented way.
     *
     * @param alsoRefusedWith exception types the parser's Javadoc names besides ProtocolException
     */
    @SafeVarargs
    static <T> T parseOrRefuse(Supplier<T> parser, Class<? extends RuntimeException>... alsoRefusedWith) {
        T value;
        try {
            value = parser.get();
        } catch (ProtocolException e) {
            checkRefusal(e);
            return null;
        } catch (RuntimeException e) {
            for (Class<? extends RuntimeException> allowed : alsoRefusedWith) {
                if (allowed.isInstance(e)) {
                    return null;
                }
            }
            throw e;
        }
        if (value == null) {
            fail("a parser returned null instead of a value or a refusal");
        }
        return value;
    }

    /**
     * For a format the module also writes: what was accepted must write out, read back equal, and
     * write out again to the same bytes (the writers are deterministic).
     */
    static <T> void assertRoundTrip(T value, Function<T, byte[]> writer, Function<byte[], T> parser) {
        byte[] written = writer.apply(value);
        T reread;
        try {
            reread = parser.apply(written);
        } catch (ProtocolException e) {
            throw new AssertionError("the parser refuses what the writer wrote (" + e.reason() + "): "
                    + printable(written), e);
        }
        assertEquals(value, reread, () -> "round trip changed the value; written: " + printable(written));
        assertArrayEquals(written, writer.apply(reread), "writing the re-read value gave other bytes");
    }

    /** As {@link #assertRoundTrip} for a text form (a header value). */
    static <T> void assertTextRoundTrip(T value, Function<T, String> writer, Function<String, T> parser) {
        assertRoundTrip(value, v -> writer.apply(v).getBytes(StandardCharsets.UTF_8),
                bytes -> parser.apply(new String(bytes, StandardCharsets.UTF_8)));
    }

    /** Header values reach the parsers as Java strings; fuzz input bytes are read as UTF-8. */
    static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /** A refusal must be usable as a SIP reason phrase and carry an error status. */
    private static void checkRefusal(ProtocolException e) {
        String reason = e.reason();
        assertTrue(reason != null && !reason.isEmpty(), "empty reason");
        assertTrue(reason.chars().noneMatch(c -> c < 0x20 || c == 0x7f), () -> "control character in reason " + reason);
        assertTrue(e.statusCode() >= 400 && e.statusCode() <= 699, () -> "not an error status: " + e.statusCode());
    }

    private static String printable(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
