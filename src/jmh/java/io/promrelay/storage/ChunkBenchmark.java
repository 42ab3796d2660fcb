package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Compression and append speed of the buffer on realistic scraped data: 240 scrapes (two full
 * chunks per series) of a real exporter payload. The setup prints bytes per sample against the
 * 16 bytes of an uncompressed (int64 timestamp, float64 value) pair, with timestamps as scraped
 * (a few ms of jitter) and as Prometheus stores them after snapping jitter within 2ms to the grid.
 * The benchmarks report samples per second in the secondary "samples" metric.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkBenchmark {
    private static final int SCRAPES = 2 * XorChunkAppender.MAX_SAMPLES;

    @Param({"node_exporter.prom", "kubelet_cadvisor.prom"})
    public String payload;

    private ScrapeSimulation simulation;

    /** Samples processed, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Throughput {
        public long samples;

        @Setup(Level.Iteration)
        public void reset() {
            samples = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        simulation = new ScrapeSimulation(payload, SCRAPES, 42);
        report("jittered", simulation.jitteredTimestamps);
        report("aligned", simulation.alignedTimestamps);
    }

    private void report(String timestamps, long[] scrapeTimes) {
        HeadStats stats = appendAll(scrapeTimes).stats();
        double perSample = (double) stats.chunkBytes() / stats.samplesStored();
        System.out.printf(Locale.ROOT, "%n%s, %s timestamps: %d series x %d scrapes, %d bytes, %.3f bytes/sample (%.1fx smaller than 16)%n",
                payload, timestamps, simulation.samplesPerScrape(), SCRAPES, stats.chunkBytes(), perSample, 16 / perSample);
    }

    /** Appends every scrape through one appender each, keeping references as a scrape cache would. */
    private Head appendAll(long[] scrapeTimes) {
        Head head = new Head(new HeadOptions(Duration.ofHours(2), 10_000_000, () -> scrapeTimes[scrapeTimes.length - 1]));
        Labels[] labels = simulation.labels;
        long[] refs = new long[labels.length];
        for (int s = 0; s < scrapeTimes.length; s++) {
            Appender app = head.appender();
            double[] values = simulation.values[s];
            for (int i = 0; i < labels.length; i++) {
                try {
                    refs[i] = app.append(refs[i], labels[i], scrapeTimes[s], values[i]);
                } catch (StorageException e) {
                    throw new IllegalStateException("simulated scrape refused " + labels[i] + ": " + e.getMessage(), e);
                }
            }
            app.commit();
        }
        return head;
    }

    @Benchmark
    public Head appendScrapesToHead(Throughput throughput) {
        Head head = appendAll(simulation.jitteredTimestamps);
        throughput.samples += (long) SCRAPES * simulation.samplesPerScrape();
        return head;
    }

    @Benchmark
    public int encodeChunks(Throughput throughput) {
        int bytes = 0;
        long[] times = simulation.jitteredTimestamps;
        for (int i = 0; i < simulation.samplesPerScrape(); i++) {
            XorChunkAppender chunk = new XorChunkAppender();
            for (int s = 0; s < XorChunkAppender.MAX_SAMPLES; s++) {
                chunk.append(times[s], simulation.values[s][i]);
            }
            bytes += chunk.byteLength();
        }
        throughput.samples += (long) XorChunkAppender.MAX_SAMPLES * simulation.samplesPerScrape();
        return bytes;
    }
}
