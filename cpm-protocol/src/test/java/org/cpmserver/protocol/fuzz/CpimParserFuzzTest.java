package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.cpim.CpimWriter;
import org.cpmserver.protocol.imdn.DispositionNotification;
import org.cpmserver.protocol.imdn.ImdnCpim;
import org.cpmserver.protocol.iscomposing.IsComposingXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link CpimParser#parse(byte[])} on arbitrary bodies (as a SIP MESSAGE or MSRP SEND carries
 * them), then what the server reads out of an accepted message: the text, an IMDN or is-composing
 * payload, the Disposition-Notification request.
 */
class CpimParserFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        CpimMessage m = parseOrRefuse(() -> CpimParser.parse(input));
        if (m == null) {
            return;
        }
        assertRoundTrip(m, CpimWriter::write, CpimParser::parse);
        parseOrRefuse(m::bodyText);
        m.imdnHeader("Disposition-Notification").ifPresent(v -> parseOrRefuse(() -> DispositionNotification.parse(v)));
        if (ImdnCpim.isNotification(m)) {
            parseOrRefuse(() -> ImdnCpim.unwrap(m));
        } else if (m.contentType().is("application/im-iscomposing+xml")) {
            parseOrRefuse(() -> IsComposingXml.parse(m.body()));
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("cpim");
    }
}
