package io.promrelay.textparse;

import io.promrelay.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parses whole real scrape bodies, as a scrape with a warm cache does: series bytes, value and
 * timestamp per sample, no label strings. Beside it, a naive baseline that makes Strings per
 * line and per token, to show what the byte-level parser saves. The aux counters report
 * throughput as MB/s ({@code megabytes}) and samples/s ({@code samples}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ParserBenchmark {

    @Param({"kubelet_cadvisor.prom", "node_exporter.prom", "kube_scheduler.prom", "etcd.prom", "kube_state_metrics.prom"})
    public String payload;

    private byte[] body;

    @Setup
    public void load() throws IOException {
        body = Files.readAllBytes(SharedFixtures.dir()
                .orElseThrow(() -> new IllegalStateException("shared/fixtures not found above " + System.getProperty("user.dir")))
                .resolve("exposition").resolve(payload));
    }

    /** Per-iteration totals that JMH divides by time: bytes as MB/s, samples as samples/s. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Throughput {
        public double megabytes;
        public long samples;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
            samples = 0;
        }
    }

    @Benchmark
    public long pullParser(Throughput counters) throws ParseException {
        TextParser p = new TextParser(body, body.length);
        long checksum = 0;
        long samples = 0;
        for (Parser.Entry e = p.next(); e != Parser.Entry.EOF; e = p.next()) {
            if (e == Parser.Entry.SERIES) {
                checksum += p.seriesLength() + Double.doubleToRawLongBits(p.value()) + (p.hasTimestamp() ? p.timestamp() : 0);
                samples++;
            }
        }
        counters.megabytes += body.length / 1e6;
        counters.samples += samples;
        return checksum;
    }

    @Benchmark
    public long naiveStrings(Throughput counters) {
        String text = new String(body, StandardCharsets.UTF_8);
        long checksum = 0;
        long samples = 0;
        int from = 0;
        while (from < text.length()) {
            int eol = text.indexOf('\n', from);
            if (eol < 0) {
                eol = text.length();
            }
            String line = text.substring(from, eol).trim();
            from = eol + 1;
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int close = line.lastIndexOf('}');
            int valueFrom = line.indexOf(' ', close < 0 ? 0 : close) + 1;
            String series = line.substring(0, valueFrom - 1);
            String rest = line.substring(valueFrom);
            int space = rest.indexOf(' ');
            double value = naiveDouble(space < 0 ? rest : rest.substring(0, space));
            long timestamp = space < 0 ? 0 : Long.parseLong(rest.substring(space + 1));
            checksum += series.length() + Double.doubleToRawLongBits(value) + timestamp;
            samples++;
        }
        counters.megabytes += body.length / 1e6;
        counters.samples += samples;
        return checksum;
    }

    private static double naiveDouble(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }
}
