package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.conference.ConferenceInfo;
import org.cpmserver.protocol.conference.ConferenceInfoXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ConferenceInfoXml#parse(byte[])} on arbitrary bodies, with write round trip. */
class ConferenceInfoXmlFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        ConferenceInfo info = parseOrRefuse(() -> ConferenceInfoXml.parse(input));
        if (info != null) {
            assertRoundTrip(info, ConferenceInfoXml::write, ConferenceInfoXml::parse);
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("conference-info");
    }
}
