package io.promrelay.fuzz;

import io.promrelay.testing.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Real exporter payloads and OpenMetrics conformance cases from the shared fixtures, as extra seeds for
 * the exposition fuzzers when they fuzz (JAZZER_FUZZ set). In regression runs this gives nothing:
 * {@link ExpositionFixturesTest} checks the whole files there, with a message when they are absent.
 */
final class FixtureSeeds {
    /** Seeds stay near libFuzzer's default input size, so mutations work on a few families at a time. */
    private static final int MAX_SEED_BYTES = 4096;

    private FixtureSeeds() {
    }

    static boolean fuzzing() {
        String flag = System.getenv("JAZZER_FUZZ");
        return flag != null && !flag.isEmpty();
    }

    /** Every exposition fixture file: {@code exposition/*} and {@code openmetrics/CASE/metrics}. */
    static List<Path> expositionFiles() {
        return SharedFixtures.dir().map(FixtureSeeds::expositionFiles).orElse(List.of());
    }

    private static List<Path> expositionFiles(Path fixtures) {
        try (Stream<Path> payloads = list(fixtures.resolve("exposition"));
             Stream<Path> cases = list(fixtures.resolve("openmetrics"))) {
            return Stream.concat(payloads, cases.map(c -> c.resolve("metrics")))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> list(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
    }

    /** The fixture files cut at line ends into seeds of at most {@link #MAX_SEED_BYTES}; empty unless fuzzing. */
    static Stream<Arguments> exposition() {
        if (!fuzzing()) {
            return Stream.empty();
        }
        return expositionFiles().stream().flatMap(f -> chunks(read(f)).stream()).map(seed -> Arguments.of((Object) seed));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<byte[]> chunks(byte[] body) {
        List<byte[]> chunks = new ArrayList<>();
        int from = 0;
        while (from < body.length) {
            int to = Math.min(body.length, from + MAX_SEED_BYTES);
            int lineEnd = to;
            while (to < body.length && lineEnd > from && body[lineEnd - 1] != '\n') {
                lineEnd--;
            }
            to = lineEnd > from ? lineEnd : to;
            chunks.add(Arrays.copyOfRange(body, from, to));
            from = to;
        }
        return chunks;
    }
}
