package org.cpmserver.rest.limits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUpFront() {
        assertFalse(BoundedBody.declaredOver("16384", 16384));
        assertTrue(BoundedBody.declaredOver("16385", 16384));
        assertTrue(BoundedBody.declaredOver(" 8388608 ", 16384));
        assertTrue(BoundedBody.declaredOver("99999999999999999999999999", 16384), "too long for a long");
        assertFalse(BoundedBody.declaredOver(null, 16384), "chunked: checked while reading");
        assertFalse(BoundedBody.declaredOver("-1", 16384), "not a length: the container's to refuse");
        assertFalse(BoundedBody.declaredOver("abc", 16384));
    }

    @Test
    void aBodyWithinTheLimitIsReadWhole() throws Exception {
        byte[] body = "{\"uri\":\"sip:a@localhost\"}".getBytes();
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), body.length));
        assertArrayEquals(new byte[0], BoundedBody.read(new ByteArrayInputStream(new byte[0]), 10));
    }

    @Test
    void anEndlessBodyIsCutOffOneBytePastTheLimit() {
        Endless endless = new Endless();
        assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(endless, 1024));
        assertEquals(1025, endless.served);
    }

    @Test
    void aMethodWithoutItsOwnLimitGetsTheDefault() throws Exception {
        assertEquals(123, BodyLimitFilter.limitOf(Resources.class.getDeclaredMethod("limited")));
        assertEquals(RestLimits.OTHER_BODY_BYTES, BodyLimitFilter.limitOf(Resources.class.getDeclaredMethod("unlimited")));
        assertEquals(RestLimits.OTHER_BODY_BYTES, BodyLimitFilter.limitOf((Method) null), "no resource matched");
    }

    static final class Resources {
        @BodyLimit(123)
        void limited() {
        }

        void unlimited() {
        }
    }

    /** A client that never stops sending. */
    static final class Endless extends InputStream {
        long served;

        @Override
        public int read() {
            served++;
            return 'x';
        }
    }
}
