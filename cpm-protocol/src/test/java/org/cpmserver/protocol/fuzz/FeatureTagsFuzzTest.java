package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertTextRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.cpmserver.protocol.fuzz.ParserContract.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Set;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.capability.FeatureTags;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FeatureTags#parseIcsiRef(String)} on arbitrary {@code +g.3gpp.icsi-ref} values. Its
 * refusal is an IllegalArgumentException (see its Javadoc and FeatureTagsTest): the caller
 * treats a malformed tag as "no CPM service".
 */
class FeatureTagsFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        Set<CpmIcsi> services = parseOrRefuse(() -> FeatureTags.parseIcsiRef(text(input)), IllegalArgumentException.class);
        if (services != null && !services.isEmpty()) {
            assertTextRoundTrip(services, FeatureTags::icsiRefValue, FeatureTags::parseIcsiRef);
        }
    }
}
