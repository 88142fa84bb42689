package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.deferred.DeferredList;
import org.cpmserver.protocol.deferred.DeferredXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DeferredXml#parseList(byte[])} on arbitrary bodies, with write round trip. */
class DeferredListXmlFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        DeferredList list = parseOrRefuse(() -> DeferredXml.parseList(input));
        if (list != null) {
            assertRoundTrip(list, DeferredXml::writeList, DeferredXml::parseList);
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("deferred-list");
    }
}
