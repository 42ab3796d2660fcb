package io.promrelay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A real exporter payload that moves on as the exporter's would between scrapes: counters creep up
 * (some idle), gauges mostly hold still, and explicit timestamps keep their distance to "now". Not
 * thread-safe: one thread advances it and renders each new variant.
 */
final class EvolvingExposition {
    private static final double IDLE_COUNTER_SHARE = 0.3;
    private static final double MOVING_GAUGE_SHARE = 0.1;

    private final String name;
    /** Everything before each sample's value, including the separating space; comments are kept in {@code tails}. */
    private final String[] heads;
    private final String[] tails;
    private final boolean[] counter;
    private final double[] step;
    private final double[] values;
    /** How far before the payload's newest timestamp each sample's own timestamp was, or -1 when it had none. */
    private final long[] timestampLag;
    private final SplittableRandom random;
    private final int samples;

    private EvolvingExposition(String name, List<SampleLine> lines, long seed) {
        this.name = name;
        int n = lines.size();
        heads = new String[n];
        tails = new String[n];
        counter = new boolean[n];
        step = new double[n];
        values = new double[n];
        timestampLag = new long[n];
        random = new SplittableRandom(seed);
        long newest = lines.stream().mapToLong(SampleLine::timestamp).max().orElse(-1);
        for (int i = 0; i < n; i++) {
            SampleLine line = lines.get(i);
            heads[i] = line.head();
            tails[i] = line.tail();
            counter[i] = line.counter();
            values[i] = line.value();
            timestampLag[i] = line.timestamp() < 0 ? -1 : newest - line.timestamp();
            step[i] = stepFor(line);
        }
        samples = (int) lines.stream().filter(line -> line.head() != null).count();
    }

    /** Reads a text-format payload; {@code seed} fixes which series move and by how much. */
    static EvolvingExposition read(Path file, long seed) {
        try {
            List<SampleLine> lines = new ExpositionLines(Files.readAllLines(file, StandardCharsets.UTF_8)).parse();
            return new EvolvingExposition(file.getFileName().toString(), lines, seed);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    String name() {
        return name;
    }

    int samples() {
        return samples;
    }

    /**
     * Moves every value one step on and renders the payload as the exporter would serve it at
     * {@code nowMillis}.
     */
    byte[] next(long nowMillis) {
        StringBuilder out = new StringBuilder(heads.length * 160);
        for (int i = 0; i < heads.length; i++) {
            if (heads[i] == null) {
                out.append(tails[i]).append('\n');
                continue;
            }
            values[i] = evolve(i);
            out.append(heads[i]).append(format(values[i]));
            if (timestampLag[i] >= 0) {
                out.append(' ').append(nowMillis - timestampLag[i]);
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private double stepFor(SampleLine line) {
        double v = line.value();
        if (!Double.isFinite(v)) {
            return 0;
        }
        if (line.counter()) {
            if (random.nextDouble() < IDLE_COUNTER_SHARE) {
                return 0;
            }
            // Busy counters grow by roughly a thousandth of what they have counted so far per scrape.
            double typical = Math.max(1, Math.abs(v) / 1000);
            return isIntegral(v) ? Math.rint(typical) : typical;
        }
        if (random.nextDouble() >= MOVING_GAUGE_SHARE) {
            return 0;
        }
        return isIntegral(v) ? 1 : Math.max(Math.abs(v) / 100, 1e-3);
    }

    private double evolve(int i) {
        double v = values[i];
        double s = step[i];
        if (s == 0) {
            return v;
        }
        if (counter[i]) {
            double growth = s * (0.5 + random.nextDouble());
            return v + (isIntegral(s) ? Math.rint(growth) : growth);
        }
        double move = s * (random.nextDouble() * 2 - 1);
        return v + (isIntegral(s) ? Math.rint(move) : move);
    }

    private static boolean isIntegral(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15;
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return isIntegral(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** One line of the payload: a sample split around its value, or (head == null) a comment kept verbatim. */
    private record SampleLine(String head, double value, long timestamp, boolean counter, String tail) {
    }

    /** Splits payload lines into samples, telling counters (and histogram/summary totals) from gauges by # TYPE. */
    private static final class ExpositionLines {
        private final List<String> lines;
        private final Map<String, String> types = new HashMap<>();

        ExpositionLines(List<String> lines) {
            this.lines = lines;
        }

        List<SampleLine> parse() {
            List<SampleLine> out = new ArrayList<>(lines.size());
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    rememberType(line);
                    out.add(new SampleLine(null, 0, -1, false, line));
                } else {
                    out.add(sample(line));
                }
            }
            return out;
        }

        private void rememberType(String line) {
            String[] parts = line.split(" ");
            if (parts.length == 4 && parts[1].equals("TYPE")) {
                types.put(parts[2], parts[3]);
            }
        }

        private SampleLine sample(String line) {
            int seriesEnd = seriesEnd(line);
            String[] rest = line.substring(seriesEnd).trim().split(" +");
            String metric = line.substring(0, line.indexOf('{') >= 0 && line.indexOf('{') < seriesEnd
                    ? line.indexOf('{') : seriesEnd);
            double value = parseValue(rest[0]);
            long timestamp = rest.length > 1 ? Long.parseLong(rest[1]) : -1;
            return new SampleLine(line.substring(0, seriesEnd) + " ", value, timestamp, isCumulative(metric), null);
        }

        /** The end of the metric name and label set; label values may hold spaces and braces. */
        private static int seriesEnd(String line) {
            int i = 0;
            while (i < line.length() && line.charAt(i) != ' ' && line.charAt(i) != '{') {
                i++;
            }
            if (i < line.length() && line.charAt(i) == '{') {
                boolean quoted = false;
                for (i++; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (quoted && c == '\\') {
                        i++;
                    } else if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted && c == '}') {
                        return i + 1;
                    }
                }
                throw new IllegalArgumentException("unterminated label set in: " + line);
            }
            return i;
        }

        private boolean isCumulative(String metric) {
            String type = types.get(metric);
            if (type != null) {
                return type.equals("counter");
            }
            for (String suffix : List.of("_total", "_bucket", "_count", "_sum")) {
                if (metric.endsWith(suffix)) {
                    String family = types.get(metric.substring(0, metric.length() - suffix.length()));
                    if (family != null) {
                        return !family.equals("gauge") && !family.equals("untyped");
                    }
                }
            }
            return false;
        }

        private static double parseValue(String text) {
            return switch (text) {
                case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(text);
            };
        }
    }
}
