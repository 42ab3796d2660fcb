package io.promrelay.testing;

import io.promrelay.model.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the sample lines of a text-format (0.0.4) payload into label set → value, independently of the relay's
 * own parser, so a test can compare what a peer exposed with what came out the other end.
 */
public final class ExpositionSamples {
    private ExpositionSamples() {
    }

    /** Every sample line of {@code text}, keyed by its labels with {@code __name__}; comments are skipped. */
    public static Map<Labels, Double> parse(String text) {
        Map<Labels, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            LineReader reader = new LineReader(line);
            Labels labels = reader.series();
            if (samples.put(labels, reader.value()) != null) {
                throw new AssertionError("duplicate series " + labels + " in line: " + line);
            }
        }
        return samples;
    }

    /** Parses a value as Prometheus writes it, including the spellings of infinities and NaN. */
    public static double parseValue(String text) {
        return switch (text) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private static final class LineReader {
        private final String line;
        private int pos;

        LineReader(String line) {
            this.line = line;
        }

        Labels series() {
            Labels.Builder builder = new Labels.Builder();
            builder.set(Labels.METRIC_NAME, token("{ "));
            if (pos < line.length() && line.charAt(pos) == '{') {
                pos++;
                while (line.charAt(pos) != '}') {
                    String name = token("=").trim();
                    expect('=');
                    builder.set(name, quoted());
                    if (line.charAt(pos) == ',') {
                        pos++;
                    }
                }
                pos++;
            }
            return builder.build();
        }

        double value() {
            String rest = line.substring(pos).trim();
            int space = rest.indexOf(' ');
            return parseValue(space < 0 ? rest : rest.substring(0, space));
        }

        private String token(String stopChars) {
            int start = pos;
            while (pos < line.length() && stopChars.indexOf(line.charAt(pos)) < 0) {
                pos++;
            }
            return line.substring(start, pos);
        }

        private String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (line.charAt(pos) != '"') {
                char c = line.charAt(pos++);
                if (c == '\\') {
                    char escaped = line.charAt(pos++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            pos++;
            return value.toString();
        }

        private void expect(char c) {
            if (pos >= line.length() || line.charAt(pos) != c) {
                throw new AssertionError("expected '" + c + "' at column " + pos + " of: " + line);
            }
            pos++;
        }
    }
}
