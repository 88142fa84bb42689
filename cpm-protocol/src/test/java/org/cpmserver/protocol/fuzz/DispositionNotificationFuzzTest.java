package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertTextRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.cpmserver.protocol.fuzz.ParserContract.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cpmserver.protocol.imdn.DispositionNotification;
import org.junit.jupiter.api.Timeout;

/** {@link DispositionNotification#parse(String)} on arbitrary {@code imdn.Disposition-Notification} values. */
class DispositionNotificationFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        DispositionNotification requested = parseOrRefuse(() -> DispositionNotification.parse(text(input)));
        if (requested != null && !requested.isEmpty()) {
            assertTextRoundTrip(requested, DispositionNotification::toHeaderValue, DispositionNotification::parse);
        }
    }
}
