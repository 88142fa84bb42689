package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.resourcelists.ResourceLists;
import org.cpmserver.protocol.resourcelists.ResourceListsXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ResourceListsXml#parse(byte[])} on arbitrary {@code application/resource-lists+xml}
 * bodies, with write round trip and the views a URI-list server derives from an accepted list.
 */
class ResourceListsXmlFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        ResourceLists lists = parseOrRefuse(() -> ResourceListsXml.parse(input));
        if (lists != null) {
            assertRoundTrip(lists, ResourceListsXml::write, ResourceListsXml::parse);
            lists.recipients();
            ResourceLists disclosed = lists.disclosedView();
            assertRoundTrip(disclosed, ResourceListsXml::write, ResourceListsXml::parse);
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("resource-lists");
    }
}
