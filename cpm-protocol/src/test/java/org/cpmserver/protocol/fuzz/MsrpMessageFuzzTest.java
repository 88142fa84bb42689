package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import java.util.stream.Stream;
import org.cpmserver.protocol.msrp.MsrpMessage;
import org.cpmserver.protocol.msrp.MsrpParser;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link MsrpMessage#parse(byte[])} on arbitrary transactions, with write round trip; an accepted
 * transaction must come out of the streaming {@link MsrpParser} equal, whatever the split of the
 * bytes, and a refused one must never come out of it as a message.
 */
class MsrpMessageFuzzTest {

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        MsrpMessage m = parseOrRefuse(() -> MsrpMessage.parse(input));
        int split = input.length == 0 ? 0 : (input[0] & 0xff) % (input.length + 1);
        MsrpParser stream = new MsrpParser();
        Optional<MsrpMessage> streamed = parseOrRefuse(() -> {
            stream.feed(input, 0, split);
            Optional<MsrpMessage> first = stream.next();
            stream.feed(input, split, input.length - split);
            return first.isPresent() ? first : stream.next();
        });
        if (m == null) {
            if (streamed != null && streamed.isPresent() && stream.buffered() == 0) {
                throw new AssertionError("the stream accepted a transaction parse() refuses");
            }
            return;
        }
        assertEquals(Optional.of(m), streamed, "the streaming parser disagrees with parse()");
        assertEquals(0, stream.buffered());
        assertRoundTrip(m, MsrpMessage::toBytes, MsrpMessage::parse);
        m.toPath();
        m.fromPath();
        m.byteRange();
        m.contentType();
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("msrp");
    }
}
