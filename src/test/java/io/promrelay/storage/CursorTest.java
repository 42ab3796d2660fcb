package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A cursor reads every sample once, oldest first, and counts what the retention deleted before it got there. */
class CursorTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 15_000;
    private static final Duration RETENTION = Duration.ofMinutes(10);
    private static final Labels LOAD = Labels.of("__name__", "node_load1", "instance", "a");
    private static final Labels UP = Labels.of("__name__", "up", "instance", "a");

    private final AtomicLong clock = new AtomicLong(T0);
    private final Head head = new Head(new HeadOptions(RETENTION, 100, clock::get));

    private long append(Labels labels, long t, double v) throws StorageException {
        Appender app = head.appender();
        long ref = app.append(0, labels, t, v);
        app.commit();
        return ref;
    }

    /** Appends one sample per step for {@code count} steps, advancing the clock with the samples. */
    private long scrapeSteps(Labels labels, int count) throws StorageException {
        long ref = 0;
        for (int i = 0; i < count; i++) {
            ref = append(labels, clock.get(), i);
            clock.addAndGet(STEP);
        }
        return ref;
    }

    private static List<long[]> readAll(Cursor cursor, long ref, long maxT, int max) {
        List<long[]> out = new ArrayList<>();
        cursor.read(ref, maxT, max, (t, v) -> out.add(new long[] {t, Double.doubleToRawLongBits(v)}));
        return out;
    }

    @Test
    void readsOldestFirstUpToTheLimitAndResumesAfterTheLastSampleRead() throws StorageException {
        long ref = scrapeSteps(LOAD, 300);
        try (Cursor cursor = head.openCursor("rw")) {
            List<long[]> first = readAll(cursor, ref, Long.MAX_VALUE, 130);
            List<long[]> rest = readAll(cursor, ref, Long.MAX_VALUE, 1000);

            assertEquals(130, first.size());
            assertEquals(170, rest.size());
            assertEquals(T0, first.get(0)[0]);
            assertEquals(T0 + 130 * STEP, rest.get(0)[0], "resumes right after the last sample read");
            assertEquals(0, readAll(cursor, ref, Long.MAX_VALUE, 1000).size(), "nothing is read twice");
        }
    }

    @Test
    void stopsAtTheWindowEndAndPicksUpLaterSamplesNextTime() throws StorageException {
        long ref = scrapeSteps(LOAD, 10);
        try (Cursor cursor = head.openCursor("rw")) {
            assertEquals(4, readAll(cursor, ref, T0 + 3 * STEP, 1000).size(), "samples at t <= window end only");
            scrapeSteps(LOAD, 2);

            List<long[]> next = readAll(cursor, ref, Long.MAX_VALUE, 1000);

            assertEquals(8, next.size());
            assertEquals(T0 + 4 * STEP, next.get(0)[0]);
        }
    }

    @Test
    void staleMarkersKeepTheirBits() throws StorageException {
        long ref = append(UP, T0, 1);
        append(UP, T0 + STEP, StaleNaN.VALUE);
        try (Cursor cursor = head.openCursor("rw")) {
            List<long[]> read = readAll(cursor, ref, Long.MAX_VALUE, 10);

            assertEquals(StaleNaN.BITS, read.get(1)[1]);
        }
    }

    @Test
    void cursorsAreIndependentAndAReusedSlotStartsFromTheBeginning() throws StorageException {
        long ref = scrapeSteps(LOAD, 5);
        Cursor a = head.openCursor("a");
        try (Cursor b = head.openCursor("b")) {
            assertEquals(5, readAll(a, ref, Long.MAX_VALUE, 100).size());
            assertEquals(5, readAll(b, ref, Long.MAX_VALUE, 100).size(), "a's reading does not move b");
        }
        a.close();
        try (Cursor c = head.openCursor("c")) {
            assertEquals(5, readAll(c, ref, Long.MAX_VALUE, 100).size());
        }
    }

    @Test
    void twoOpenCursorsCannotShareAName() {
        try (Cursor cursor = head.openCursor("rw")) {
            assertThrows(IllegalArgumentException.class, () -> head.openCursor("rw"));
        }
    }

    @Test
    void retentionCountsOnlyTheSamplesTheCursorHadNotRead() throws StorageException {
        long ref = scrapeSteps(LOAD, 1);
        try (Cursor behind = head.openCursor("behind"); Cursor current = head.openCursor("current")) {
            scrapeSteps(LOAD, 299);
            readAll(current, ref, Long.MAX_VALUE, 100_000);
            readAll(behind, ref, T0 + 49 * STEP, 100_000);

            head.truncate();

            // 300 samples over 75 minutes: two closed chunks (240 samples) ended before now - 10m.
            assertEquals(240 - 50, behind.droppedSamples(), "the first 50 were read before they were deleted");
            assertEquals(0, current.droppedSamples());
            List<long[]> rest = readAll(behind, ref, Long.MAX_VALUE, 100_000);
            assertEquals(60, rest.size(), "reading resumes at the oldest sample left");
            assertEquals(T0 + 240 * STEP, rest.get(0)[0]);
        }
    }

    @Test
    void removingAnIdleSeriesCountsItsUnreadSamples() throws StorageException {
        long ref = append(UP, T0, 1);
        append(UP, T0 + 1, 1);
        try (Cursor cursor = head.openCursor("rw")) {
            readAll(cursor, ref, T0, 10);
            clock.addAndGet(RETENTION.toMillis() + 1);

            head.truncate();

            assertEquals(1, cursor.droppedSamples());
            assertEquals(0, readAll(cursor, ref, Long.MAX_VALUE, 10).size());
        }
    }

    @Test
    void refsAfterPagesThroughEverySeries() throws StorageException {
        long a = append(LOAD, T0, 1);
        long b = append(UP, T0, 1);

        assertArrayEquals(new long[] {a}, head.refsAfter(0, 1));
        assertArrayEquals(new long[] {b}, head.refsAfter(a, 1));
        assertArrayEquals(new long[0], head.refsAfter(b, 1));
    }

    @Test
    void newestTimestampFollowsCommits() throws StorageException {
        assertEquals(Long.MIN_VALUE, head.newestTimestamp());
        append(UP, T0 + 5, 1);

        assertEquals(T0 + 5, head.newestTimestamp());
    }
}
