package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertTextRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.cpmserver.protocol.fuzz.ParserContract.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.mime.ContentEncoding;
import org.junit.jupiter.api.Timeout;

/**
 * The CPM identities (one syntax for {@link ConversationId} and {@code ContributionId}) read back
 * as they were written, and a {@code Content-Encoding} header value is read or refused.
 */
class CpmIdentityFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void identities(byte[] input) {
        String text = text(input);
        ConversationId conversation = parseOrRefuse(() -> ConversationId.parse(text));
        if (conversation != null) {
            assertTextRoundTrip(conversation, ConversationId::value, ConversationId::parse);
        }
        parseOrRefuse(() -> ContentEncoding.codings(text));
    }
}
