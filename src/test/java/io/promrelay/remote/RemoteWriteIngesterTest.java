package io.promrelay.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.MetricType;
import io.promrelay.model.StaleNaN;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.storage.MetricMetadata;
import io.promrelay.storage.SampleIterator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RemoteWriteIngesterTest {
    private static final long NOW = 1_700_000_000_000L;
    private static final Labels UP = Labels.of("__name__", "up", "job", "node");
    private static final Labels LOAD = Labels.of("__name__", "node_load1", "job", "node");
    private static final PushedMetadata LOAD_META =
            new PushedMetadata("node_load1", new MetricMetadata(MetricType.GAUGE, "Load.", ""));

    private final Head head = new Head(new HeadOptions(Duration.ofHours(2), 3, () -> NOW));
    private final RemoteWriteIngester ingester = new RemoteWriteIngester(head::appender, head.metadata(), 3);

    @Test
    void commitsEverySampleAndTheMetadata() throws Exception {
        ingester.ingest(write(List.of(LOAD_META), series(UP, NOW, 1, NOW + 1000, StaleNaN.VALUE), series(LOAD, NOW, 0.5)));

        assertEquals(List.of(NOW + ":1.0", (NOW + 1000) + ":stale"), stored(UP));
        assertEquals(List.of(NOW + ":0.5"), stored(LOAD));
        assertEquals(LOAD_META.metadata(), head.metadata().latest("node_load1"));
    }

    @Test
    void acceptsOneSeriesSpreadOverEntriesAsPrometheusSendsIt() throws Exception {
        ingester.ingest(write(List.of(), series(UP, NOW, 1), series(LOAD, NOW, 2), series(UP, NOW + 1000, 3),
                series(UP, NOW + 1000, 3)));

        assertEquals(List.of(NOW + ":1.0", (NOW + 1000) + ":3.0"), stored(UP));
    }

    @Test
    void anOutOfOrderSampleWithinTheRequestRefusesAllOfIt() {
        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> ingester.ingest(write(
                List.of(LOAD_META), series(LOAD, NOW, 1), series(UP, NOW + 1000, 1), series(UP, NOW, 2))));

        assertEquals(Rejection.OUT_OF_ORDER, e.rejection());
        assertEquals("out of order sample for series up{job=\"node\"} at timestamp " + NOW, e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aDifferentValueForTheSameTimestampRefusesAllOfIt() {
        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> ingester.ingest(write(
                List.of(), series(LOAD, NOW, 1), series(UP, NOW, 1, NOW, 2))));

        assertEquals(Rejection.DUPLICATE_TIMESTAMP, e.rejection());
        assertEquals("duplicate sample for timestamp for series up{job=\"node\"} at timestamp " + NOW, e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aSampleOlderThanWhatTheBufferHoldsRefusesAllOfIt() throws Exception {
        ingester.ingest(write(List.of(), series(UP, NOW, 1)));

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> ingester.ingest(write(
                List.of(LOAD_META), series(LOAD, NOW, 7), series(UP, NOW - 1000, 1))));

        assertEquals(Rejection.OUT_OF_ORDER, e.rejection());
        assertEquals(List.of(), stored(LOAD));
        assertEquals(List.of(NOW + ":1.0"), stored(UP));
        assertNull(head.metadata().latest("node_load1"));
    }

    @Test
    void aSampleBeyondTheRetentionIsTooOld() throws Exception {
        ingester.ingest(write(List.of(), series(UP, NOW, 1)));

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> ingester.ingest(write(
                List.of(), series(LOAD, NOW - Duration.ofHours(3).toMillis(), 1))));

        assertEquals(Rejection.TOO_OLD, e.rejection());
    }

    @Test
    void aFullBufferRefusesNewSeriesUntilSpaceFrees() throws Exception {
        ingester.ingest(write(List.of(), series(UP, NOW, 1), series(LOAD, NOW, 1), series(named("a"), NOW, 1)));

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> ingester.ingest(write(
                List.of(), series(UP, NOW + 1000, 2), series(named("b"), NOW + 1000, 1))));

        assertEquals(Rejection.SERIES_LIMIT, e.rejection());
        assertEquals("active series limit of 3 reached, cannot add series b{}; idle series leave the buffer after the"
                + " retention", e.getMessage());
        assertEquals(List.of(NOW + ":1.0"), stored(UP));
    }

    @Test
    void aRequestWithMoreSeriesThanTheBufferCanEverHoldIsTold() {
        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> ingester.ingest(write(List.of(),
                series(named("a"), NOW, 1), series(named("b"), NOW, 1), series(named("c"), NOW, 1),
                series(named("d"), NOW, 1))));

        assertEquals(Rejection.MORE_SERIES_THAN_LIMIT, e.rejection());
        assertEquals("request holds 4 series, more than the limit of 3 active series; send smaller requests",
                e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aBufferAtItsByteCapRefusesTheWholeRequestForLater() {
        List<Runnable> evictionNotRunYet = new ArrayList<>();
        Head capped = new Head(new HeadOptions(Duration.ofHours(2), 1_000, () -> NOW)
                .withMaxBytes(4096, evictionNotRunYet::add));
        RemoteWriteIngester toCapped = new RemoteWriteIngester(capped::appender, capped.metadata(), 1_000);
        PushedSeries[] many = new PushedSeries[20];
        for (int i = 0; i < many.length; i++) {
            many[i] = series(named("series_" + i), NOW, i);
        }

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> toCapped.ingest(write(List.of(), many)));

        assertEquals(Rejection.BUFFER_FULL, e.rejection());
        assertEquals("buffer byte limit reached; the oldest data is being evicted to make room, retry later", e.getMessage());
        assertEquals(0, capped.stats().samplesAppended(), "samples committed from a refused request");
    }

    private void assertNothingWritten() {
        assertEquals(0, head.stats().samplesAppended(), "samples committed from a refused request");
        assertNull(head.metadata().latest("node_load1"), "metadata of a refused request");
    }

    private static Labels named(String name) {
        return Labels.of("__name__", name);
    }

    private static DecodedWrite write(List<PushedMetadata> metadata, PushedSeries... series) {
        return new DecodedWrite(List.of(series), metadata);
    }

    /** Timestamp, value pairs. */
    private static PushedSeries series(Labels labels, double... pairs) {
        long[] timestamps = new long[pairs.length / 2];
        double[] values = new double[pairs.length / 2];
        for (int i = 0; i < timestamps.length; i++) {
            timestamps[i] = (long) pairs[2 * i];
            values[i] = pairs[2 * i + 1];
        }
        return new PushedSeries(labels, timestamps, values);
    }

    private List<String> stored(Labels labels) {
        List<Matcher> matchers = new ArrayList<>();
        labels.forEach((name, value) -> matchers.add(Matcher.equal(name, value)));
        List<String> out = new ArrayList<>();
        for (long ref : head.querier().select(matchers)) {
            SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
            while (it.next()) {
                out.add(it.timestamp() + ":" + (StaleNaN.is(it.value()) ? "stale" : String.valueOf(it.value())));
            }
        }
        return out;
    }
}
