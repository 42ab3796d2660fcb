package io.promrelay.storage;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Series of a real exporter payload from the shared fixtures, read with a plain line split: enough
 * to feed the buffer real label sets and values without depending on the real parser.
 */
record FixtureSeries(Labels labels, double value, MetricType type) {

    /** The fixtures folder, found by walking up from the working directory to a sibling named shared. */
    static Optional<Path> fixturesDir() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/exposition");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Reads one payload, skipping the calling test when the fixtures are not there. */
    static List<FixtureSeries> load(String fileName) {
        Optional<Path> dir = fixturesDir();
        Assumptions.assumeTrue(dir.isPresent(), "shared/fixtures/exposition not found above " + System.getProperty("user.dir"));
        return read(dir.get().resolve(fileName));
    }

    static List<FixtureSeries> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, MetricType> types = new HashMap<>();
        List<FixtureSeries> out = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], typeOf(parts[3]));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                out.add(parseLine(line, types));
            }
        }
        return out;
    }

    private static MetricType typeOf(String word) {
        return word.equals("untyped") ? MetricType.UNKNOWN : MetricType.valueOf(word.toUpperCase(Locale.ROOT));
    }

    private static FixtureSeries parseLine(String line, Map<String, MetricType> types) {
        Labels.Builder b = new Labels.Builder();
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        b.set(Labels.METRIC_NAME, name);
        if (line.charAt(i) == '{') {
            i = parseLabels(line, i + 1, b);
        }
        String[] rest = line.substring(i).trim().split("\\s+");
        return new FixtureSeries(b.build(), parseValue(rest[0]), familyType(name, types));
    }

    private static int parseLabels(String line, int from, Labels.Builder b) {
        int i = from;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String labelName = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            i = eq + 2;
            while (line.charAt(i) != '"') {
                char c = line.charAt(i++);
                if (c == '\\') {
                    char escaped = line.charAt(i++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            b.set(labelName, value.toString());
            i++;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }

    private static double parseValue(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static MetricType familyType(String name, Map<String, MetricType> types) {
        for (String suffix : new String[] {"", "_bucket", "_count", "_sum", "_total"}) {
            if (name.endsWith(suffix)) {
                MetricType t = types.get(name.substring(0, name.length() - suffix.length()));
                if (t != null) {
                    return t;
                }
            }
        }
        return MetricType.UNKNOWN;
    }
}
