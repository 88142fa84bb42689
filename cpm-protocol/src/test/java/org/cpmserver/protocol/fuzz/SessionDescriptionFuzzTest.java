package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.sdp.SessionDescription;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SessionDescription#parse(byte[])} on arbitrary SDP bodies, with write round trip, then
 * every typed accessor of every media (the parse validated what they read, so none may fail).
 */
class SessionDescriptionFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        SessionDescription sdp = parseOrRefuse(() -> SessionDescription.parse(input));
        if (sdp == null) {
            return;
        }
        assertRoundTrip(sdp, SessionDescription::toBytes, SessionDescription::parse);
        sdp.origin();
        sdp.sessionName();
        sdp.connection();
        sdp.direction();
        for (SessionDescription.Media m : sdp.media()) {
            m.connection();
            m.path();
            m.acceptTypes();
            m.acceptWrappedTypes();
            m.maxSize();
            m.setup();
            m.direction();
            m.fileSelector().ifPresent(f -> f.decodedName());
            m.fileTransferId();
            m.fileDisposition();
            m.fileRange();
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("sdp");
    }
}
