package org.cpmserver.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cpmserver.protocol.cpim.CpimMessage;
import org.cpmserver.protocol.cpim.CpimParser;
import org.cpmserver.protocol.cpim.CpimWriter;
import org.cpmserver.protocol.imdn.Imdn;
import org.cpmserver.protocol.imdn.ImdnXml;
import org.cpmserver.protocol.iscomposing.IsComposing;
import org.cpmserver.protocol.iscomposing.IsComposingXml;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.Multipart;
import org.cpmserver.protocol.resourcelists.ResourceLists;
import org.cpmserver.protocol.resourcelists.ResourceListsXml;
import org.junit.jupiter.api.Test;

/**
 * A cheap, deterministic robustness net (not a fuzzer): mutates every sample a few hundred times
 * with a fixed seed and checks that each parser either accepts the input - and then writes
 * something it reads back equal - or refuses it with a {@link ProtocolException} whose reason is
 * safe for a SIP response. Any other exception would become a 500 instead of a 400.
 */
class MutatedSampleTest {

    private static final int MUTATIONS_PER_SAMPLE = 300;
    private static final byte[][] TOKENS = {
        bytes("\r\n"), bytes("\n"), bytes("\r"), bytes(":"), bytes(";"), bytes("<"), bytes(">"), bytes("\""),
        bytes("\\"), bytes("--boundary1"), bytes("--"), bytes("&"), bytes("<!DOCTYPE x>"), bytes("\u0000"),
        {(byte) 0xFF}, {(byte) 0xC3}, bytes(" "), bytes("."), bytes("="), bytes("imdn."), bytes("&#x1;"),
        bytes("<?xml version=\"1.1\"?>"), {(byte) 0xFE, (byte) 0xFF}, bytes("9999999999"), bytes("\uD83D\uDE00"),
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void cpim() throws IOException {
        run("cpim", b -> {
            CpimMessage m = CpimParser.parse(b);
            assertEquals(m, CpimParser.parse(CpimWriter.write(m)));
        });
    }

    @Test
    void imdn() throws IOException {
        run("imdn", b -> {
            Imdn i = ImdnXml.parse(b);
            assertEquals(i, ImdnXml.parse(ImdnXml.write(i)));
        });
    }

    @Test
    void resourceLists() throws IOException {
        run("resource-lists", b -> {
            ResourceLists l = ResourceListsXml.parse(b);
            assertEquals(l, ResourceListsXml.parse(ResourceListsXml.write(l)));
            l.disclosedView();
        });
    }

    @Test
    void isComposing() throws IOException {
        run("iscomposing", b -> {
            IsComposing c = IsComposingXml.parse(b);
            assertEquals(c, IsComposingXml.parse(IsComposingXml.write(c)));
        });
    }

    @Test
    void multipart() throws IOException {
        ContentType type = ContentType.parse("multipart/mixed;boundary=boundary1");
        run("multipart", b -> {
            Multipart m = Multipart.parse(type, b);
            assertEquals(m, Multipart.parse(m.contentType(), m.toBytes()));
        });
    }

    private static void run(String format, Consumer<byte[]> parseAndRoundTrip) throws IOException {
        Random random = new Random(20240422L);
        int accepted = 0;
        int refused = 0;
        for (Path sample : samples(format)) {
            byte[] seed = Files.readAllBytes(sample);
            for (int i = 0; i < MUTATIONS_PER_SAMPLE; i++) {
                byte[] input = mutate(seed, random);
                try {
                    parseAndRoundTrip.accept(input);
                    accepted++;
                } catch (ProtocolException e) {
                    refused++;
                    assertTrue(e.reason().chars().noneMatch(c -> c < 0x20), e.reason());
                } catch (RuntimeException | AssertionError e) {
                    fail("mutant of " + sample.getFileName() + " escaped as " + e + ": "
                            + new String(input, StandardCharsets.ISO_8859_1), e);
                }
            }
        }
        assertTrue(accepted > 0 && refused > 0, "mutations should both pass and fail: " + accepted + "/" + refused);
    }

    private static List<Path> samples(String format) throws IOException {
        List<Path> all = new ArrayList<>();
        for (String kind : List.of("valid", "invalid")) {
            try {
                Path dir = Paths.get(MutatedSampleTest.class.getResource("/samples/" + format + "/" + kind).toURI());
                try (Stream<Path> s = Files.list(dir)) {
                    s.sorted().forEach(all::add);
                }
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return all;
    }

    /** One to four edits: overwrite a byte, truncate, insert a token, delete a run, swap two bytes. */
    private static byte[] mutate(byte[] seed, Random r) {
        byte[] b = seed.clone();
        for (int k = 1 + r.nextInt(4); k > 0; k--) {
            int pos = r.nextInt(b.length + 1);
            switch (r.nextInt(5)) {
                case 0 -> {
                    if (pos < b.length) {
                        b[pos] = (byte) r.nextInt(256);
                    }
                }
                case 1 -> b = Arrays.copyOf(b, pos);
                case 2 -> {
                    byte[] t = TOKENS[r.nextInt(TOKENS.length)];
                    byte[] n = new byte[b.length + t.length];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(t, 0, n, pos, t.length);
                    System.arraycopy(b, pos, n, pos + t.length, b.length - pos);
                    b = n;
                }
                case 3 -> {
                    int len = Math.min(b.length - pos, 1 + r.nextInt(8));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, pos);
                    System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
                    b = n;
                }
                default -> {
                    if (pos < b.length) {
                        int other = r.nextInt(b.length);
                        byte t = b[pos];
                        b[pos] = b[other];
                        b[other] = t;
                    }
                }
            }
        }
        return b;
    }
}
