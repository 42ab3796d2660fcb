package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.StaleNaN;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XorChunkTest {
    private static final long START = 1_782_468_875_486L;

    /** Encodes the samples, decodes them and demands every timestamp and every value bit back. */
    private static XorChunk roundTrip(long[] timestamps, double[] values) {
        XorChunkAppender appender = new XorChunkAppender();
        for (int i = 0; i < timestamps.length; i++) {
            appender.append(timestamps[i], values[i]);
        }
        XorChunk chunk = appender.toChunk();
        assertEquals(timestamps.length, chunk.count());
        assertEquals(timestamps[0], chunk.minTime());
        assertEquals(timestamps[timestamps.length - 1], chunk.maxTime());
        XorChunkIterator it = chunk.iterator();
        for (int i = 0; i < timestamps.length; i++) {
            assertTrue(it.next(), "sample " + i + " missing");
            assertEquals(timestamps[i], it.timestamp(), "timestamp of sample " + i);
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(it.value()),
                    "value bits of sample " + i + " (" + values[i] + ")");
        }
        assertFalse(it.next());
        return chunk;
    }

    private static long[] regular(int n, long step) {
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            ts[i] = START + i * step;
        }
        return ts;
    }

    @Test
    void randomWalkRoundTrips() {
        Random random = new Random(42);
        double[] values = new double[XorChunkAppender.MAX_SAMPLES];
        double v = 100;
        for (int i = 0; i < values.length; i++) {
            v += random.nextGaussian();
            values[i] = v;
        }
        roundTrip(regular(values.length, 15_000), values);
    }

    @Test
    void counterRoundTripsAndCompresses() {
        double[] values = new double[XorChunkAppender.MAX_SAMPLES];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000_000 + i * 3;
        }
        XorChunk chunk = roundTrip(regular(values.length, 15_000), values);
        assertTrue(chunk.bytes().length < values.length * 3, "a steady counter takes " + chunk.bytes().length + " bytes");
    }

    @Test
    void constantSeriesCostsAboutTwoBitsPerSample() {
        double[] values = new double[XorChunkAppender.MAX_SAMPLES];
        Arrays.fill(values, 1.0);
        XorChunk chunk = roundTrip(regular(values.length, 15_000), values);
        // Header (varint timestamp + raw value + first delta) plus one bit each for timestamp and value.
        assertTrue(chunk.bytes().length <= 20 + (values.length * 2) / 8 + 1, "constant chunk is " + chunk.bytes().length + " bytes");
    }

    @Test
    void specialValuesKeepTheirBits() {
        double[] values = {
            StaleNaN.VALUE, 1.5, Double.NaN, StaleNaN.VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            -0.0, 0.0, Double.longBitsToDouble(0x7ff8dead_beef0001L), Double.longBitsToDouble(0xfff0000000000001L),
            Double.MIN_VALUE, -Double.MAX_VALUE, StaleNaN.VALUE, StaleNaN.VALUE, 2.0
        };
        roundTrip(regular(values.length, 15_000), values);
    }

    @Test
    void staleMarkerAfterLongRunKeepsItsBits() {
        double[] values = new double[XorChunkAppender.MAX_SAMPLES];
        Arrays.fill(values, 0, values.length - 1, 123.456);
        values[values.length - 1] = StaleNaN.VALUE;
        roundTrip(regular(values.length, 30_000), values);
    }

    @Test
    void everyDeltaOfDeltaBucketRoundTrips() {
        // Steps chosen so consecutive deltas differ by the edges of the 14, 17 and 20 bit buckets and beyond.
        long[] dods = {0, 1, -1, 8191, -8192, 8192, -8193, 65535, -65536, 65536, -65537,
            524287, -524288, 524288, -524289, 86_400_000L * 365, -86_400_000L * 300, 3, 0, 0};
        long[] ts = new long[dods.length + 2];
        double[] values = new double[ts.length];
        ts[0] = -5_000;
        long delta = 1_000_000_000L;
        ts[1] = ts[0] + delta;
        for (int i = 0; i < dods.length; i++) {
            delta += dods[i];
            ts[i + 2] = ts[i + 1] + delta;
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 3 == 0 ? i : -i * 0.1;
        }
        roundTrip(ts, values);
    }

    @Test
    void jitteredScrapeTimestampsRoundTrip() {
        Random random = new Random(7);
        long[] ts = new long[XorChunkAppender.MAX_SAMPLES];
        double[] values = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = START + i * 15_000L + random.nextInt(7) - 3;
            values[i] = random.nextInt(3) == 0 ? random.nextDouble() : 42;
        }
        roundTrip(ts, values);
    }

    @Test
    void singleSampleChunk() {
        roundTrip(new long[] {START}, new double[] {StaleNaN.VALUE});
    }

    @Test
    void realExporterValuesRoundTrip() {
        List<FixtureSeries> series = FixtureSeries.load("node_exporter.prom");
        double[] values = series.stream().mapToDouble(FixtureSeries::value).toArray();
        for (int from = 0; from < values.length; from += XorChunkAppender.MAX_SAMPLES) {
            double[] window = Arrays.copyOfRange(values, from, Math.min(values.length, from + XorChunkAppender.MAX_SAMPLES));
            roundTrip(regular(window.length, 15_000), window);
        }
    }

    @Test
    void appenderReportsFullAtOneHundredTwenty() {
        XorChunkAppender appender = new XorChunkAppender();
        for (int i = 0; i < XorChunkAppender.MAX_SAMPLES - 1; i++) {
            appender.append(START + i, i);
        }
        assertFalse(appender.isFull());
        appender.append(START + 1000, 1);
        assertTrue(appender.isFull());
        assertEquals(appender.byteLength(), appender.toChunk().bytes().length);
    }
}
