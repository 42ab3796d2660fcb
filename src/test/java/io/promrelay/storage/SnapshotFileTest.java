package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.MetricType;
import io.promrelay.model.StaleNaN;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A snapshot restores the buffer as it was (same series, same samples bit for bit, same metadata, same cursor
 * positions), and any damaged file is moved aside with a warning naming the damage while the buffer starts empty.
 */
class SnapshotFileTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 15_000;
    /** Two full chunks and an open one of 60 samples per series. */
    private static final int STEPS = 2 * 120 + 60;
    private static final Duration RETENTION = Duration.ofHours(6);
    private static final String ENDPOINT = "prom/0123456789abcdef";

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(T0);
    private final List<LogRecord> warnings = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        Logger.getLogger(SnapshotFile.class.getName()).addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger(SnapshotFile.class.getName()).removeHandler(capture);
    }

    private Head newHead() {
        return new Head(new HeadOptions(RETENTION, 1_000_000, clock::get));
    }

    /** The label sets of the kubelet's cAdvisor payload when the shared fixtures are there, else generated ones. */
    private static List<Labels> seriesLabels() {
        List<Labels> labels = new ArrayList<>();
        FixtureSeries.fixturesDir().ifPresentOrElse(
                fixtures -> FixtureSeries.read(fixtures.resolve("kubelet_cadvisor.prom")).forEach(s -> labels.add(s.labels())),
                () -> {
                    for (int i = 0; i < 5000; i++) {
                        labels.add(Labels.of("__name__", "generated_" + i % 50, "pod", "pod-" + i, "namespace", "ns"));
                    }
                });
        return labels.stream().distinct().toList();
    }

    /** Every series gets {@link #STEPS} scrapes with changing values and a stale marker on every tenth series. */
    private Head filledHead(List<Labels> series) throws StorageException {
        Head head = newHead();
        for (int step = 0; step < STEPS; step++) {
            Appender app = head.appender();
            for (int i = 0; i < series.size(); i++) {
                boolean stale = step == STEPS - 1 && i % 10 == 0;
                app.append(0, series.get(i), clock.get(), stale ? StaleNaN.VALUE : i * 0.5 + step * (i % 7));
            }
            app.commit();
            clock.addAndGet(STEP);
        }
        head.metadata().put("container_cpu_usage_seconds_total", new MetricMetadata(MetricType.GAUGE, "old help", ""));
        head.metadata().put("container_cpu_usage_seconds_total",
                new MetricMetadata(MetricType.COUNTER, "Cumulative cpu time consumed in seconds.", "seconds"));
        return head;
    }

    private SnapshotFile snapshotFile() throws IOException {
        return SnapshotFile.in(dir, clock::get);
    }

    /** Every series by labels with its samples as timestamp and raw value bits. */
    private static Map<Labels, List<List<Long>>> contents(Head head) {
        Map<Labels, List<List<Long>>> out = new TreeMap<>();
        for (long ref : head.querier().select(List.of(Matcher.of(Matcher.Type.REGEX, "__name__", ".+")))) {
            List<List<Long>> samples = new ArrayList<>();
            SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
            while (it.next()) {
                samples.add(List.of(it.timestamp(), Double.doubleToRawLongBits(it.value())));
            }
            out.put(head.querier().labels(ref), samples);
        }
        return out;
    }

    /** What a cursor reads from every series, by labels. */
    private static Map<Labels, List<Long>> unread(Head head, Cursor cursor) {
        Map<Labels, List<Long>> out = new TreeMap<>();
        head.forEachSeries(series -> {
            List<Long> timestamps = new ArrayList<>();
            cursor.read(series.ref, Long.MAX_VALUE, Integer.MAX_VALUE, (t, v) -> timestamps.add(t));
            out.put(series.labels, timestamps);
        });
        return out;
    }

    @Test
    void aRestoredBufferAnswersEveryQueryAsTheSavedOneAndTheCursorResumesWhereItStood() throws Exception {
        List<Labels> series = seriesLabels();
        Head saved = filledHead(series);
        Cursor cursor = saved.openCursor("remote_write/prom");
        // The endpoint had read part of the data: a third of the series up to the middle, the rest not at all.
        saved.forEachSeries(s -> {
            if (s.ref % 3 == 0) {
                cursor.read(s.ref, T0 + STEPS / 2 * STEP, Integer.MAX_VALUE, (t, v) -> { });
            }
        });
        CursorPositions positions = cursor.positions();

        SnapshotFile.Saved written = snapshotFile().save(saved, Map.of(ENDPOINT, positions));
        Head restored = newHead();
        Map<String, CursorPositions> resumed = snapshotFile().restoreInto(restored);

        assertEquals(series.size(), written.series());
        assertEquals(contents(saved), contents(restored));
        assertEquals(saved.stats().activeSeries(), restored.stats().activeSeries());
        assertEquals(saved.stats().chunkBytes(), restored.stats().chunkBytes(), "chunks restored as they were");
        assertEquals(saved.stats().samplesStored(), restored.stats().samplesStored());
        assertEquals(saved.newestTimestamp(), restored.newestTimestamp());
        assertEquals(saved.metadata().snapshot(null, 0), restored.metadata().snapshot(null, 0));
        assertEquals(Set.of(ENDPOINT), resumed.keySet());
        assertEquals(positions.size(), resumed.get(ENDPOINT).size());
        Cursor resumedCursor = restored.openCursor("remote_write/prom");
        resumedCursor.resume(resumed.get(ENDPOINT));
        assertEquals(unread(saved, cursor), unread(restored, resumedCursor), "the same samples are left to send");
        assertFalse(Files.exists(dir.resolve(SnapshotFile.NAME)), "a restored snapshot is not restored again");
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aRestoredSeriesTakesNewSamplesAfterItsNewestAndRefusesOlderOnes() throws Exception {
        Labels up = Labels.of("__name__", "up", "job", "a");
        Head saved = filledHead(List.of(up));
        long newest = saved.newestTimestamp();
        snapshotFile().save(saved, Map.of());
        Head restored = newHead();
        snapshotFile().restoreInto(restored);

        Appender app = restored.appender();
        assertThrows(StorageException.class, () -> app.append(0, up, newest - STEP, 1));
        app.append(0, up, newest + STEP, 42);
        app.commit();

        List<List<Long>> samples = contents(restored).get(up);
        assertEquals(STEPS + 1, samples.size());
        assertEquals(List.of(newest + STEP, Double.doubleToRawLongBits(42)), samples.get(samples.size() - 1));
    }

    @Test
    void withoutASnapshotNothingIsRestored() throws Exception {
        Head head = newHead();
        assertEquals(Map.of(), snapshotFile().restoreInto(head));
        assertEquals(0, head.stats().activeSeries());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aSecondSaveReplacesTheFirstAndLeavesNoTemporaryFile() throws Exception {
        Labels up = Labels.of("__name__", "up");
        snapshotFile().save(filledHead(List.of(up)), Map.of());
        Head bigger = filledHead(List.of(up, Labels.of("__name__", "other")));
        snapshotFile().save(bigger, Map.of());

        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve(SnapshotFile.NAME)), files.toList());
        }
        Head restored = newHead();
        snapshotFile().restoreInto(restored);
        assertEquals(contents(bigger), contents(restored));
    }

    static Stream<Arguments> damage() {
        return Stream.of(
                Arguments.of("empty file", (UnaryOperator<byte[]>) b -> new byte[0], "empty file"),
                Arguments.of("wrong magic", (UnaryOperator<byte[]>) b -> set(b, 0, (byte) 'X'), "bad magic"),
                Arguments.of("wrong version", (UnaryOperator<byte[]>) b -> set(b, 11, (byte) 2), "unsupported version 2"),
                Arguments.of("flipped body byte at start", (UnaryOperator<byte[]>) b -> flip(b, 20), "checksum mismatch"),
                Arguments.of("flipped body byte in middle", (UnaryOperator<byte[]>) b -> flip(b, b.length / 2),
                        "checksum mismatch"),
                Arguments.of("flipped checksum byte", (UnaryOperator<byte[]>) b -> flip(b, b.length - 1),
                        "checksum mismatch"),
                Arguments.of("truncated in header", (UnaryOperator<byte[]>) b -> cut(b, 10), "short file"),
                Arguments.of("truncated after header", (UnaryOperator<byte[]>) b -> cut(b, 24), "truncated"),
                Arguments.of("truncated in body", (UnaryOperator<byte[]>) b -> cut(b, b.length / 3), "truncated"),
                Arguments.of("truncated before checksum", (UnaryOperator<byte[]>) b -> cut(b, b.length - 4), "truncated"),
                Arguments.of("trailing bytes", (UnaryOperator<byte[]>) b -> ByteBuffer.allocate(b.length + 3).put(b).array(),
                        "truncated or padded"),
                Arguments.of("body length says more than there is", (UnaryOperator<byte[]>) b -> set(b, 19, (byte) (b[19] + 1)),
                        "truncated or padded"));
    }

    private static byte[] set(byte[] bytes, int at, byte value) {
        byte[] copy = bytes.clone();
        copy[at] = value;
        return copy;
    }

    private static byte[] flip(byte[] bytes, int at) {
        return set(bytes, at, (byte) (bytes[at] ^ 0x10));
    }

    private static byte[] cut(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damage")
    void aDamagedSnapshotIsMovedAsideWithAWarningAndTheBufferStartsEmpty(String kind, UnaryOperator<byte[]> damage,
                                                                         String reason) throws Exception {
        snapshotFile().save(filledHead(List.of(Labels.of("__name__", "up"), Labels.of("__name__", "x"))), Map.of());
        Path file = dir.resolve(SnapshotFile.NAME);
        byte[] damaged = damage.apply(Files.readAllBytes(file));
        Files.write(file, damaged);

        Head head = newHead();
        Map<String, CursorPositions> positions = snapshotFile().restoreInto(head);

        assertEquals(Map.of(), positions);
        assertEquals(0, head.stats().activeSeries(), "nothing of a damaged snapshot is restored");
        assertFalse(Files.exists(file));
        List<Path> aside;
        try (Stream<Path> files = Files.list(dir)) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("snapshot.corrupt-")).toList();
        }
        assertEquals(1, aside.size(), "moved aside: " + aside);
        assertArrayEquals(damaged, Files.readAllBytes(aside.get(0)), "kept as it was, for inspection");
        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0).getMessage();
        assertTrue(warning.contains(reason) && warning.contains(aside.get(0).toString()), warning);
    }
}
