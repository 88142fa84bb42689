package org.cpmserver.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cpmserver.protocol.conference.ConferenceInfo;
import org.cpmserver.protocol.conference.ConferenceInfoXml;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.cpim.CpimWriter;
import org.cpmserver.protocol.imdn.ImdnCpim;
import org.cpmserver.protocol.imdn.ImdnXml;
import org.cpmserver.protocol.iscomposing.IsComposingXml;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.Multipart;
import org.cpmserver.protocol.msrp.MsrpMessage;
import org.cpmserver.protocol.resourcelists.ResourceLists;
import org.cpmserver.protocol.resourcelists.ResourceListsXml;
import org.cpmserver.protocol.sdp.SessionDescription;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every file under {@code src/test/resources/samples}: {@code valid/} samples must parse and
 * survive a write/parse round trip, {@code invalid/} samples must be refused with a
 * {@link ProtocolException} (any other exception is a bug a fuzzer would also find).
 */
class SampleCorpusTest {

    private static final ContentType SAMPLE_MULTIPART = ContentType.parse("multipart/mixed;boundary=boundary1");

    @TestFactory
    Stream<DynamicTest> cpim() {
        return samples("cpim", bytes -> {
            CpimMessage m = CpimParser.parse(bytes);
            assertEquals(m, CpimParser.parse(CpimWriter.write(m)));
            // the content of a sample is itself checked when it is a format we know
            if (ImdnCpim.isNotification(m)) {
                ImdnCpim.unwrap(m);
            } else if (m.contentType().is("application/im-iscomposing+xml")) {
                IsComposingXml.parse(m.body());
            }
        }, CpimParser::parse);
    }

    @TestFactory
    Stream<DynamicTest> imdn() {
        return samples("imdn", bytes -> {
            var imdn = ImdnXml.parse(bytes);
            assertEquals(imdn, ImdnXml.parse(ImdnXml.write(imdn)));
        }, ImdnXml::parse);
    }

    @TestFactory
    Stream<DynamicTest> resourceLists() {
        return samples("resource-lists", bytes -> {
            ResourceLists doc = ResourceListsXml.parse(bytes);
            assertEquals(doc, ResourceListsXml.parse(ResourceListsXml.write(doc)));
            assertFalse(doc.recipients().isEmpty());
        }, ResourceListsXml::parse);
    }

    @TestFactory
    Stream<DynamicTest> isComposing() {
        return samples("iscomposing", bytes -> {
            var c = IsComposingXml.parse(bytes);
            assertEquals(c, IsComposingXml.parse(IsComposingXml.write(c)));
        }, IsComposingXml::parse);
    }

    @TestFactory
    Stream<DynamicTest> deferredList() {
        return samples("deferred-list", bytes -> {
            var list = org.cpmserver.protocol.deferred.DeferredXml.parseList(bytes);
            assertEquals(list, org.cpmserver.protocol.deferred.DeferredXml.parseList(
                    org.cpmserver.protocol.deferred.DeferredXml.writeList(list)));
        }, org.cpmserver.protocol.deferred.DeferredXml::parseList);
    }

    @TestFactory
    Stream<DynamicTest> deferredRetrieval() {
        return samples("deferred-retrieve", bytes -> {
            var request = org.cpmserver.protocol.deferred.DeferredXml.parseRetrieval(bytes);
            assertEquals(request, org.cpmserver.protocol.deferred.DeferredXml.parseRetrieval(
                    org.cpmserver.protocol.deferred.DeferredXml.writeRetrieval(request)));
        }, org.cpmserver.protocol.deferred.DeferredXml::parseRetrieval);
    }

    @TestFactory
    Stream<DynamicTest> multipart() {
        return samples("multipart", bytes -> {
            Multipart m = Multipart.parse(SAMPLE_MULTIPART, bytes);
            assertEquals(m, Multipart.parse(m.contentType(), m.toBytes()));
        }, bytes -> Multipart.parse(SAMPLE_MULTIPART, bytes));
    }

    @TestFactory
    Stream<DynamicTest> sdp() {
        return samples("sdp", bytes -> {
            SessionDescription sdp = SessionDescription.parse(bytes);
            assertEquals(sdp, SessionDescription.parse(sdp.toBytes()));
            assertFalse(sdp.media().isEmpty());
        }, SessionDescription::parse);
    }

    @TestFactory
    Stream<DynamicTest> msrp() {
        return samples("msrp", bytes -> {
            MsrpMessage m = MsrpMessage.parse(bytes);
            assertEquals(m, MsrpMessage.parse(m.toBytes()));
            // the samples are written by the rules, so the writer reproduces them byte for byte
            assertArrayEquals(bytes, m.toBytes());
        }, MsrpMessage::parse);
    }

    @TestFactory
    Stream<DynamicTest> conferenceInfo() {
        return samples("conference-info", bytes -> {
            ConferenceInfo info = ConferenceInfoXml.parse(bytes);
            assertEquals(info, ConferenceInfoXml.parse(ConferenceInfoXml.write(info)));
            assertFalse(info.users().isEmpty());
        }, ConferenceInfoXml::parse);
    }

    private static Stream<DynamicTest> samples(String format, Consumer<byte[]> valid, Consumer<byte[]> parser) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path p : files(format + "/valid")) {
            tests.add(dynamicTest("valid/" + p.getFileName(), () -> valid.accept(Files.readAllBytes(p))));
        }
        for (Path p : files(format + "/invalid")) {
            tests.add(dynamicTest("invalid/" + p.getFileName(),
                    () -> assertThrows(ProtocolException.class, () -> parser.accept(Files.readAllBytes(p)))));
        }
        assertFalse(tests.isEmpty(), "no samples for " + format);
        return tests.stream();
    }

    private static List<Path> files(String dir) {
        URL url = SampleCorpusTest.class.getResource("/samples/" + dir);
        if (url == null) {
            throw new IllegalStateException("missing test resource directory samples/" + dir);
        }
        try (Stream<Path> s = Files.list(Paths.get(url.toURI()))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
