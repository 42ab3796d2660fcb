package io.promrelay.storage;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Repeated scrapes of one real exporter payload at a 15s interval: the payload's series and first
 * values, timestamps with a few milliseconds of jitter, and values that evolve as such metrics
 * do (counters creep up or stay idle, gauges mostly hold still).
 */
final class ScrapeSimulation {
    static final long INTERVAL = 15_000;
    /**
     * Prometheus's default scrape timestamp tolerance: a scrape at most this late against its
     * ticker's fixed grid (or early) is stored at the grid time.
     */
    static final long TOLERANCE = 2;

    final Labels[] labels;
    final long[] jitteredTimestamps;
    final long[] alignedTimestamps;
    /** values[scrape][series] */
    final double[][] values;

    ScrapeSimulation(String payload, int scrapes, long seed) {
        Path dir = FixtureSeries.fixturesDir()
                .orElseThrow(() -> new IllegalStateException("shared/fixtures/exposition not found above " + System.getProperty("user.dir")));
        List<FixtureSeries> series = FixtureSeries.read(dir.resolve(payload));
        Random random = new Random(seed);
        labels = series.stream().map(FixtureSeries::labels).toArray(Labels[]::new);
        jitteredTimestamps = new long[scrapes];
        alignedTimestamps = new long[scrapes];
        values = new double[scrapes][series.size()];
        long start = 1_782_468_875_000L;
        for (int s = 0; s < scrapes; s++) {
            long grid = start + s * INTERVAL;
            long jitter = Math.max(-5, Math.min(5, Math.round(random.nextGaussian() * 1.5)));
            jitteredTimestamps[s] = grid + jitter;
            alignedTimestamps[s] = jitter <= TOLERANCE ? grid : jitteredTimestamps[s];
            for (int i = 0; i < series.size(); i++) {
                double previous = s == 0 ? series.get(i).value() : values[s - 1][i];
                values[s][i] = s == 0 ? previous : evolve(previous, series.get(i).type(), random);
            }
        }
    }

    int samplesPerScrape() {
        return labels.length;
    }

    private static double evolve(double v, MetricType type, Random random) {
        if (!Double.isFinite(v)) {
            return v;
        }
        boolean integral = v == Math.rint(v);
        return switch (type) {
            case COUNTER, HISTOGRAM, SUMMARY -> {
                if (v == 0 ? random.nextInt(20) != 0 : random.nextInt(3) == 0) {
                    yield v;
                }
                yield integral ? v + 1 + random.nextInt(10) : Math.round((v + random.nextDouble()) * 100) / 100.0;
            }
            case GAUGE -> {
                if (random.nextInt(10) != 0) {
                    yield v;
                }
                yield integral ? v + random.nextInt(3) - 1 : v * (1 + (random.nextDouble() - 0.5) / 100);
            }
            default -> v;
        };
    }
}
