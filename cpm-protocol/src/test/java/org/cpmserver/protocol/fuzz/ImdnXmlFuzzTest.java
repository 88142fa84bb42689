package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ImdnXml#parse(byte[])} on arbitrary {@code message/imdn+xml} bodies, with write round trip. */
class ImdnXmlFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        Imdn imdn = parseOrRefuse(() -> ImdnXml.parse(input));
        if (imdn != null) {
            assertRoundTrip(imdn, ImdnXml::write, ImdnXml::parse);
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("imdn");
    }
}
