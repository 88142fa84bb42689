package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.iscomposing.IsComposing;
import org.cpmserver.protocol.iscomposing.IsComposingXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link IsComposingXml#parse(byte[])} on arbitrary bodies, with write round trip. */
class IsComposingXmlFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        IsComposing indication = parseOrRefuse(() -> IsComposingXml.parse(input));
        if (indication != null) {
            assertRoundTrip(indication, IsComposingXml::write, IsComposingXml::parse);
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("iscomposing");
    }
}
