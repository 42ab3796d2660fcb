package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.StaleNaN;
import io.promrelay.storage.StorageException.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AppendRulesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final Labels UP = Labels.of("__name__", "up", "job", "node", "instance", "a:9100");

    private final AtomicLong clock = new AtomicLong(T0);
    private final Head head = new Head(new HeadOptions(Duration.ofMinutes(10), 1_000, clock::get));

    private long commitOne(Labels labels, long t, double v) throws StorageException {
        Appender app = head.appender();
        long ref = app.append(0, labels, t, v);
        app.commit();
        return ref;
    }

    private List<long[]> samples(long ref) {
        List<long[]> out = new ArrayList<>();
        SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.next()) {
            out.add(new long[] {it.timestamp(), Double.doubleToRawLongBits(it.value())});
        }
        return out;
    }

    @Test
    void olderTimestampIsOutOfOrder() throws StorageException {
        long ref = commitOne(UP, T0, 1);
        StorageException e = assertThrows(StorageException.class, () -> head.appender().append(ref, UP, T0 - 1, 1));
        assertEquals(Kind.OUT_OF_ORDER, e.kind());
        assertEquals(1, head.stats().rejected(Kind.OUT_OF_ORDER));
    }

    @Test
    void sameTimestampWithOtherValueIsDuplicate() throws StorageException {
        long ref = commitOne(UP, T0, 1);
        StorageException e = assertThrows(StorageException.class, () -> head.appender().append(ref, UP, T0, 0));
        assertEquals(Kind.DUPLICATE_TIMESTAMP, e.kind());
        // The stale marker is a NaN with other bits than an exporter's NaN: also a different value.
        long nanRef = commitOne(Labels.of("__name__", "x"), T0, Double.NaN);
        assertEquals(Kind.DUPLICATE_TIMESTAMP,
                assertThrows(StorageException.class, () -> head.appender().append(nanRef, null, T0, StaleNaN.VALUE)).kind());
        assertEquals(2, head.stats().rejected(Kind.DUPLICATE_TIMESTAMP));
    }

    @Test
    void sameTimestampAndSameBitsIsIgnoredSilently() throws StorageException {
        long ref = commitOne(UP, T0, StaleNaN.VALUE);
        Appender app = head.appender();
        assertEquals(ref, app.append(ref, UP, T0, StaleNaN.VALUE));
        app.commit();
        assertEquals(1, samples(ref).size());
        assertEquals(StaleNaN.BITS, samples(ref).get(0)[1]);
        assertEquals(1, head.stats().samplesAppended());
        assertEquals(0, head.stats().rejected().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void sampleOlderThanRetentionBehindNewestIsTooOld() throws StorageException {
        commitOne(UP, T0, 1);
        Labels other = Labels.of("__name__", "late");
        StorageException e = assertThrows(StorageException.class,
                () -> head.appender().append(0, other, T0 - Duration.ofMinutes(10).toMillis() - 1, 1));
        assertEquals(Kind.TOO_OLD, e.kind());
        assertEquals(1, head.stats().rejected(Kind.TOO_OLD));
        assertEquals(0, head.querier().select(List.of(Matcher.equal("__name__", "late"))).length, "no series for a too-old sample");
        commitOne(other, T0 - Duration.ofMinutes(10).toMillis(), 2);
    }

    @Test
    void nothingIsVisibleBeforeCommitAndRollbackLeavesNoSample() throws StorageException {
        Appender app = head.appender();
        long ref = app.append(0, UP, T0, 1);
        app.append(ref, UP, T0 + 15_000, 2);
        Sample s = new Sample();
        assertFalse(head.querier().latest(ref, Long.MIN_VALUE, Long.MAX_VALUE, s));
        app.rollback();
        assertTrue(samples(ref).isEmpty());
        assertEquals(0, head.stats().samplesStored());

        app.append(ref, UP, T0, 1);
        app.append(ref, UP, T0 + 15_000, 2);
        app.commit();
        assertEquals(2, samples(ref).size());
        assertTrue(head.querier().latest(ref, Long.MIN_VALUE, Long.MAX_VALUE, s));
        assertEquals(T0 + 15_000, s.timestamp);
        assertEquals(2.0, s.value);
    }

    @Test
    void concurrentWritersConflictAtCommitAndTheLoserIsCounted() throws StorageException {
        Appender first = head.appender();
        Appender second = head.appender();
        long ref = first.append(0, UP, T0, 1);
        assertEquals(ref, second.append(0, UP, T0, 2));
        first.commit();
        second.commit();
        assertEquals(1, samples(ref).size());
        assertEquals(Double.doubleToRawLongBits(1), samples(ref).get(0)[1]);
        assertEquals(1, head.stats().rejected(Kind.DUPLICATE_TIMESTAMP));
    }

    @Test
    void seriesCapRefusesNewSeriesButNotExistingOnes() throws StorageException {
        Head capped = new Head(new HeadOptions(Duration.ofMinutes(10), 2, clock::get));
        Appender app = capped.appender();
        long a = app.append(0, Labels.of("__name__", "a"), T0, 1);
        app.append(0, Labels.of("__name__", "b"), T0, 1);
        StorageException e = assertThrows(StorageException.class, () -> app.append(0, Labels.of("__name__", "c"), T0, 1));
        assertEquals(Kind.SERIES_LIMIT, e.kind());
        app.append(a, null, T0 + 1, 2);
        app.commit();
        HeadStats stats = capped.stats();
        assertEquals(2, stats.activeSeries());
        assertEquals(2, stats.seriesCreated());
        assertEquals(1, stats.rejected(Kind.SERIES_LIMIT));
        assertEquals(3, stats.samplesAppended());
    }

    @Test
    void referencesAreStableAndLabelsResolveToTheSameSeries() throws StorageException {
        long ref = commitOne(UP, T0, 1);
        assertEquals(ref, commitOne(Labels.of("instance", "a:9100", "job", "node", "__name__", "up"), T0 + 1, 1));
        long other = commitOne(Labels.of("__name__", "up", "job", "node", "instance", "b:9100"), T0, 1);
        assertNotEquals(ref, other);
        assertEquals(UP, head.querier().labels(ref));
        assertArrayEquals(new long[] {ref, other}, head.refsAfter(0, 10));
    }

    @Test
    void unknownReferenceWithoutLabelsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> head.appender().append(77, null, T0, 1));
        assertTrue(e.getMessage().contains("77"), e.getMessage());
    }

    @Test
    void chunksAreCutEveryHundredTwentySamplesAndReadBackInOrder() throws StorageException {
        Appender app = head.appender();
        long ref = 0;
        int n = 3 * XorChunkAppender.MAX_SAMPLES + 1;
        for (int i = 0; i < n; i++) {
            ref = app.append(ref, UP, T0 + i * 15_000L, i);
        }
        app.commit();
        List<long[]> all = samples(ref);
        assertEquals(n, all.size());
        for (int i = 0; i < n; i++) {
            assertEquals(T0 + i * 15_000L, all.get(i)[0]);
            assertEquals(Double.doubleToRawLongBits(i), all.get(i)[1]);
        }
        HeadStats stats = head.stats();
        assertEquals(n, stats.samplesStored());
        assertTrue(stats.chunkBytes() > 0 && stats.chunkBytes() < n * 4L, "chunk bytes " + stats.chunkBytes());

        SampleIterator window = head.querier().samples(ref, T0 + 119 * 15_000L, T0 + 121 * 15_000L);
        for (int i = 119; i <= 121; i++) {
            assertTrue(window.next());
            assertEquals(T0 + i * 15_000L, window.timestamp());
        }
        assertFalse(window.next());

        Sample s = new Sample();
        assertTrue(head.querier().latest(ref, T0, T0 + 200 * 15_000L + 7, s), "newest sample at or before a past time");
        assertEquals(T0 + 200 * 15_000L, s.timestamp);
        assertEquals(200.0, s.value);
        assertFalse(head.querier().latest(ref, T0 + 5, T0 + 14_999, s), "no sample within the window");
    }
}
