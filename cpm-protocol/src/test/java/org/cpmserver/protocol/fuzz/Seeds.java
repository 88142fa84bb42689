package org.cpmserver.protocol.fuzz;

import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Seeds shared with the sample tests: every file of {@code src/test/resources/samples/<format>/valid}
 * and {@code .../invalid}, for a fuzz test's {@code @MethodSource}. In regression mode each one is
 * a test invocation; when fuzzing, Jazzer adds them to the corpus it starts from (next to the files
 * of the test's own {@code <Class>Inputs/<method>} directory).
 */
final class Seeds {

    private Seeds() {
    }

    static Stream<Arguments> samples(String format) {
        List<Arguments> seeds = new ArrayList<>();
        for (String kind : List.of("valid", "invalid")) {
            for (Path file : files(format + "/" + kind)) {
                seeds.add(arguments(named(kind + "/" + file.getFileName(), read(file))));
            }
        }
        if (seeds.isEmpty()) {
            throw new IllegalStateException("no samples for " + format);
        }
        return seeds.stream();
    }

    private static List<Path> files(String dir) {
        URL url = Seeds.class.getResource("/samples/" + dir);
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(Paths.get(url.toURI()))) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
