package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.cpmserver.protocol.mime.BodyPart;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.Multipart;
import org.cpmserver.protocol.resourcelists.RecipientListBody;
import org.cpmserver.protocol.resourcelists.ResourceListsXml;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Multipart#parse(ContentType, byte[])} on arbitrary bodies (boundary {@code boundary1},
 * as in the samples), with write round trip and the part headers read; and the same body as a
 * URI-list MESSAGE ({@link RecipientListBody#parse(ContentType, byte[], int)}), which adds the
 * resource-lists part.
 */
class MultipartFuzzTest {

    private static final ContentType TYPE = ContentType.parse("multipart/mixed;boundary=boundary1");

    @MethodSource("seeds")
    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.BODY)
    void parse(byte[] input) {
        Multipart multipart = parseOrRefuse(() -> Multipart.parse(TYPE, input));
        if (multipart != null) {
            assertRoundTrip(multipart, Multipart::toBytes, bytes -> Multipart.parse(multipart.contentType(), bytes));
            for (BodyPart part : multipart.parts()) {
                parseOrRefuse(part::contentType);
                parseOrRefuse(part::contentDisposition);
            }
        }
        RecipientListBody uriList = parseOrRefuse(
                () -> RecipientListBody.parse(TYPE, input, ResourceListsXml.DEFAULT_MAX_ENTRIES));
        if (uriList != null) {
            assertRoundTrip(uriList.recipients(), ResourceListsXml::write, ResourceListsXml::parse);
        }
    }

    static Stream<Arguments> seeds() {
        return Seeds.samples("multipart");
    }
}
