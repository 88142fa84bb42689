package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.cpmserver.protocol.fuzz.ParserContract.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cpmserver.protocol.digest.DigestCredentials;
import org.junit.jupiter.api.Timeout;

/** {@link DigestCredentials#parse(String)} on arbitrary Authorization header values. */
class DigestCredentialsFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        DigestCredentials credentials = parseOrRefuse(() -> DigestCredentials.parse(text(input)));
        if (credentials != null) {
            // what the authenticator reads next
            credentials.algorithm();
            credentials.nonceCount();
            credentials.toString();
        }
    }
}
