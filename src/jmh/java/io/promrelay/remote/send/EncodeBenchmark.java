package io.promrelay.remote.send;

import io.promrelay.model.Labels;
import io.promrelay.remote.proto.Label;
import io.promrelay.remote.proto.Sample;
import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import io.promrelay.testing.SharedFixtures;
import io.promrelay.textparse.ExpositionFormat;
import io.promrelay.textparse.ParseException;
import io.promrelay.textparse.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.xerial.snappy.Snappy;

/**
 * Remote-write request bodies of {@value #SAMPLES_PER_REQUEST} samples (the default
 * {@code max_samples_per_send}), protobuf + snappy, for the real node-exporter and kubelet cAdvisor series as
 * the relay scrapes them ({@code job} and {@code instance} added). {@code promrelayEncoder} is the sender's
 * own path ({@link WriteRequestEncoder#encode}, label fields encoded once per series, as
 * {@link SeriesResolver} caches them); {@code protobufBuilders} does the same work with the generated message
 * builders, building every label each time, as the reference. Scores are samples per second on one thread,
 * that is per core.
 *
 * <p>{@code samplesPerSeries=1} is the steady state (each request carries the newest sample of 500 series);
 * {@code 10} is catching up after an outage (runs of ten samples per series share one TimeSeries).
 *
 * <p>{@link #main} runs both and prints the ratio:
 * {@code mvn -o -q -Pbench test-compile exec:exec -Dbench.main=io.promrelay.remote.send.EncodeBenchmark
 * -Dbench.args='-f 1'} (JMH options only; the benchmark selection is fixed).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EncodeBenchmark {
    static final int SAMPLES_PER_REQUEST = 500;
    private static final List<String> PAYLOADS = List.of("node_exporter.prom", "kubelet_cadvisor.prom");
    private static final long FIRST_TIMESTAMP = 1_700_000_000_000L;
    private static final long SCRAPE_INTERVAL_MILLIS = 15_000;

    @Param({"1", "10"})
    public int samplesPerSeries;

    private Batch[] batches;
    private int next;

    /** One scraped series: what the relay would send, and the value the exporter gave it. */
    private record ScrapedSeries(OutgoingSeries outgoing, double value) {
    }

    @Setup
    public void prepare() {
        List<ScrapedSeries> series = new ArrayList<>();
        for (String payload : PAYLOADS) {
            series.addAll(scraped(payload));
        }
        batches = batches(series, samplesPerSeries);
        for (Batch batch : batches) {
            checkSameMessage(batch);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_REQUEST)
    public byte[] promrelayEncoder() {
        return WriteRequestEncoder.encode(nextBatch());
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_REQUEST)
    public byte[] protobufBuilders() throws IOException {
        return Snappy.compress(withBuilders(nextBatch()).toByteArray());
    }

    private Batch nextBatch() {
        Batch batch = batches[next];
        next = next + 1 == batches.length ? 0 : next + 1;
        return batch;
    }

    /** The reference: the generated classes, one TimeSeries per run of samples of one series. */
    static WriteRequest withBuilders(Batch batch) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        TimeSeries.Builder current = null;
        OutgoingSeries currentSeries = null;
        for (int i = 0; i < batch.size(); i++) {
            OutgoingSeries s = batch.series()[i];
            if (s != currentSeries) {
                current = request.addTimeseriesBuilder();
                Labels labels = s.labels();
                for (int l = 0; l < labels.size(); l++) {
                    current.addLabels(Label.newBuilder().setName(labels.name(l)).setValue(labels.value(l)));
                }
                currentSeries = s;
            }
            current.addSamples(Sample.newBuilder().setValue(batch.values()[i]).setTimestamp(batch.timestamps()[i]));
        }
        return request.build();
    }

    /** Both encoders must say the same thing, or the comparison would be meaningless. */
    private static void checkSameMessage(Batch batch) {
        try {
            WriteRequest ours = WriteRequest.parseFrom(Snappy.uncompress(WriteRequestEncoder.encode(batch)));
            if (!ours.equals(withBuilders(batch))) {
                throw new IllegalStateException("the encoder and the generated classes disagree on a batch");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the encoder's output does not decode", e);
        }
    }

    private static List<ScrapedSeries> scraped(String payload) {
        Path file = SharedFixtures.dir()
                .orElseThrow(() -> new IllegalStateException("shared/fixtures not found above " + System.getProperty("user.dir")))
                .resolve("exposition").resolve(payload);
        List<ScrapedSeries> out = new ArrayList<>();
        try {
            byte[] body = Files.readAllBytes(file);
            Parser parser = ExpositionFormat.parserFor("text/plain; version=0.0.4", body, body.length);
            Labels.Builder labels = new Labels.Builder();
            for (Parser.Entry e = parser.next(); e != Parser.Entry.EOF; e = parser.next()) {
                if (e == Parser.Entry.SERIES) {
                    parser.labels(labels);
                    labels.set("job", payload.substring(0, payload.indexOf('.')));
                    labels.set("instance", "10.0.3.17:9100");
                    out.add(new ScrapedSeries(OutgoingSeries.of(out.size() + 1, labels.build()), parser.value()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Requests as a shard cuts them from what the reader queued: series in buffer order, each with
     * {@code perSeries} consecutive scrapes, every request exactly {@value #SAMPLES_PER_REQUEST} samples.
     */
    private static Batch[] batches(List<ScrapedSeries> series, int perSeries) {
        int total = series.size() * perSeries;
        int count = Math.max(1, total / SAMPLES_PER_REQUEST);
        Batch[] out = new Batch[count];
        int sample = 0;
        for (int b = 0; b < count; b++) {
            OutgoingSeries[] s = new OutgoingSeries[SAMPLES_PER_REQUEST];
            long[] ts = new long[SAMPLES_PER_REQUEST];
            double[] vs = new double[SAMPLES_PER_REQUEST];
            for (int i = 0; i < SAMPLES_PER_REQUEST; i++, sample++) {
                ScrapedSeries scraped = series.get((sample / perSeries) % series.size());
                int scrape = sample % perSeries;
                s[i] = scraped.outgoing();
                ts[i] = FIRST_TIMESTAMP + scrape * SCRAPE_INTERVAL_MILLIS;
                vs[i] = scraped.value() + scrape;
            }
            out[b] = new Batch(s, ts, vs, ts[SAMPLES_PER_REQUEST - 1]);
        }
        return out;
    }

    /** Runs both benchmarks for every parameter and prints samples/s per core and the ratio. */
    public static void main(String[] args) throws Exception {
        CommandLineOptions given = new CommandLineOptions(args);
        if (!given.getIncludes().isEmpty()) {
            System.err.println("EncodeBenchmark takes JMH options only (e.g. -f 1 -wi 2 -i 3), not benchmark names: "
                    + given.getIncludes());
            System.exit(2);
        }
        Collection<RunResult> results = new Runner(new OptionsBuilder().parent(given)
                .include("^" + EncodeBenchmark.class.getName().replace(".", "\\.") + "\\.").build()).run();
        System.out.print(ratioTable(results));
    }

    private static String ratioTable(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%n%-18s %18s %18s %8s%n",
                "samplesPerSeries", "promrelay samp/s", "builders samp/s", "ratio"));
        for (String perSeries : List.of("1", "10")) {
            double ours = score(results, "promrelayEncoder", perSeries);
            double reference = score(results, "protobufBuilders", perSeries);
            out.append(String.format(Locale.ROOT, "%-18s %,18.0f %,18.0f %8.2f%n", perSeries, ours, reference,
                    ours / reference));
        }
        return out.toString();
    }

    private static double score(Collection<RunResult> results, String method, String perSeries) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method)
                        && perSeries.equals(r.getParams().getParam("samplesPerSeries")))
                .mapToDouble(r -> r.getPrimaryResult().getScore())
                .findFirst().orElse(Double.NaN);
    }
}
