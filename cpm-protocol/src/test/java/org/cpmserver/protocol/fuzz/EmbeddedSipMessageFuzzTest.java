package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cpmserver.protocol.capability.FeatureTags;
import org.cpmserver.protocol.sip.ContactHeader;
import org.cpmserver.protocol.sip.EmbeddedSipMessage;
import org.junit.jupiter.api.Timeout;

/**
 * {@link EmbeddedSipMessage#parse(byte[])} (a third-party REGISTER's message/sip body, sent by the
 * S-CSCF but parsed like any input) and the Contact values in it: parsed or refused with a
 * ProtocolException, never anything else; the feature tags of every contact can be read.
 */
class EmbeddedSipMessageFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        EmbeddedSipMessage message = parseOrRefuse(() -> EmbeddedSipMessage.parse(input));
        if (message == null) {
            return;
        }
        parseOrRefuse(() -> {
            for (ContactHeader.Contact c : message.contacts()) {
                FeatureTags.ofContactParameters(c.parameters());
            }
            return message;
        });
    }
}
