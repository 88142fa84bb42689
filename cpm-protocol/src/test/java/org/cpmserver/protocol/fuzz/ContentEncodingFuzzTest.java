package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cpmserver.protocol.mime.ContentEncoding;
import org.junit.jupiter.api.Timeout;

/** {@link ContentEncoding#decode}: compressed bodies from the network decode or are refused, and never past the size limit. */
class ContentEncodingFuzzTest {

    private static final int LIMIT = 4096;

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void decode(byte[] input) {
        for (String coding : new String[] {"deflate", "gzip", "gzip, deflate"}) {
            byte[] decoded = parseOrRefuse(() -> ContentEncoding.decode(coding, input, LIMIT));
            if (decoded != null) {
                assertTrue(decoded.length <= LIMIT, () -> coding + " decoded past the limit: " + decoded.length);
            }
        }
    }
}
