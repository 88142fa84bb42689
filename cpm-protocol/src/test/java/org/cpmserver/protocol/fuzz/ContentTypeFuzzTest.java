package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertTextRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.cpmserver.protocol.fuzz.ParserContract.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.cpmserver.protocol.mime.ContentType;
import org.junit.jupiter.api.Timeout;

/** {@link ContentType#parse(String)}: what is accepted writes out ({@code toString}) and reads back equal. */
class ContentTypeFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        ContentType type = parseOrRefuse(() -> ContentType.parse(text(input)));
        if (type != null) {
            assertTextRoundTrip(type, ContentType::toString, ContentType::parse);
            parseOrRefuse(() -> type.charset(StandardCharsets.UTF_8));
        }
    }
}
