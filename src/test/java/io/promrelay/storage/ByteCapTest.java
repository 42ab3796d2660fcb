package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte cap: near it the oldest chunks go first, then the least recently written idle series; at it
 * appends are refused; every eviction is counted, on the buffer and on cursors that had not read the data.
 */
class ByteCapTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 15_000;
    private static final Duration RETENTION = Duration.ofDays(1);
    private static final int SERIES = 50;
    private static final long CAP = 96 * 1024;

    private final AtomicLong clock = new AtomicLong(T0);
    /** Eviction passes the buffer asked for and the test has not run yet. */
    private final List<Runnable> parked = new ArrayList<>();

    private Head head(long cap, Executor maintenance) {
        return new Head(new HeadOptions(RETENTION, 1_000_000, clock::get).withMaxBytes(cap, maintenance));
    }

    private static Labels series(String name, int i) {
        return Labels.of("__name__", name, "instance", "host-" + i + ".example.internal:9100");
    }

    /**
     * One scrape of {@code count} series named {@code name} at the clock's time, then the clock moves
     * one step on; values grow like counters, so chunks compress as they do for real scrapes.
     *
     * @return samples the buffer refused at the byte cap
     */
    private int scrape(Head head, String name, int count) {
        long t = clock.get();
        Appender app = head.appender();
        int refused = 0;
        for (int i = 0; i < count; i++) {
            try {
                app.append(0, series(name, i), t, (t - T0) / STEP * (i + 1));
            } catch (StorageException e) {
                assertEquals(StorageException.Kind.BYTES_LIMIT, e.kind());
                refused++;
            }
        }
        app.commit();
        clock.addAndGet(STEP);
        return refused;
    }

    private static long ref(Head head, Labels labels) {
        for (long ref : head.refsAfter(0, Integer.MAX_VALUE)) {
            if (labels.equals(head.querier().labels(ref))) {
                return ref;
            }
        }
        return 0;
    }

    private static List<Long> timestamps(Head head, long ref) {
        List<Long> out = new ArrayList<>();
        SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.next()) {
            out.add(it.timestamp());
        }
        return out;
    }

    @Test
    void oldestChunksGoFirstAndEverySeriesKeepsItsNewestSamples() {
        Head head = head(CAP, Runnable::run);
        int scrapes = 2_000;
        int refused = 0;
        for (int s = 0; s < scrapes; s++) {
            refused += scrape(head, "load", SERIES);
        }
        long newest = T0 + (scrapes - 1) * STEP;

        HeadStats stats = head.stats();
        assertEquals(0, refused, "eviction keeps up, so nothing reaches the cap");
        assertTrue(stats.estimatedBytes() <= CAP * ByteBudget.EVICT_ABOVE_PERCENT / 100,
                "estimated " + stats.estimatedBytes() + " of " + CAP);
        assertTrue(stats.estimatedBytes() >= CAP / 2, "eviction stops near its target instead of emptying the buffer: "
                + stats.estimatedBytes());
        assertTrue(stats.samplesEvicted() > 0);
        assertEquals(stats.samplesAppended() - stats.samplesStored(), stats.samplesEvicted(),
                "every sample that left the buffer is counted as evicted");
        assertEquals(0, stats.seriesEvicted(), "series still being written are never evicted");
        assertEquals(SERIES, stats.activeSeries());
        long firstMin = Long.MAX_VALUE;
        long firstMax = Long.MIN_VALUE;
        for (int i = 0; i < SERIES; i++) {
            List<Long> kept = timestamps(head, ref(head, series("load", i)));
            assertEquals(newest, kept.get(kept.size() - 1), "the newest sample stays");
            assertEquals((kept.get(kept.size() - 1) - kept.get(0)) / STEP + 1, kept.size(),
                    "what stays is one unbroken run up to the newest sample");
            firstMin = Math.min(firstMin, kept.get(0));
            firstMax = Math.max(firstMax, kept.get(0));
        }
        assertTrue(firstMin > T0, "the oldest samples are gone");
        assertTrue(firstMax - firstMin <= XorChunkAppender.MAX_SAMPLES * STEP,
                "all series were cut at one common time, not one series emptied for another");
    }

    @Test
    void appendsAreRefusedAtTheCapUntilEvictionMadeRoom() {
        Head head = head(CAP, parked::add);
        int refused = 0;
        int scrapes = 0;
        while (refused == 0) {
            refused = scrape(head, "load", SERIES);
            scrapes++;
            assertTrue(scrapes < 10_000, "the cap was never reached");
        }

        HeadStats full = head.stats();
        assertEquals(1, parked.size(), "commits ask for one eviction pass and do not run it themselves");
        assertEquals(refused, full.rejected(StorageException.Kind.BYTES_LIMIT));
        assertTrue(full.estimatedBytes() >= CAP);
        assertTrue(full.estimatedBytes() < CAP + SERIES * (MemoryEstimate.CLOSED_CHUNK_OVERHEAD + 16), "grew past the cap by at most one scrape's samples: "
                + full.estimatedBytes());
        assertEquals(full.samplesAppended(), full.samplesStored(), "nothing was evicted before the pass ran");
        long frozen = full.estimatedBytes();
        assertEquals(SERIES, scrape(head, "load", SERIES), "still full: the next scrape is refused whole");
        assertEquals(frozen, head.stats().estimatedBytes(), "refused samples take no space");

        parked.remove(0).run();

        HeadStats evicted = head.stats();
        assertTrue(evicted.estimatedBytes() <= CAP * ByteBudget.EVICT_DOWN_TO_PERCENT / 100,
                "estimated " + evicted.estimatedBytes());
        assertTrue(evicted.samplesEvicted() > 0);
        assertEquals(0, scrape(head, "load", SERIES), "room again after eviction");
    }

    @Test
    void idleSeriesGoLeastRecentlyWrittenFirstWhenClosedChunksAreNotEnough() {
        Head head = head(CAP, parked::add);
        scrape(head, "gone_first", 40);
        clock.addAndGet(Duration.ofMinutes(1).toMillis());
        scrape(head, "gone_second", 40);
        clock.addAndGet(Duration.ofMinutes(10).toMillis());
        int live = 0;
        while (head.stats().estimatedBytes() <= CAP * ByteBudget.EVICT_ABOVE_PERCENT / 100) {
            scrape(head, "live", ++live);
        }
        Labels newestLive = series("live", live - 1);

        head.truncate();

        HeadStats stats = head.stats();
        assertTrue(stats.seriesEvicted() > 0);
        assertTrue(stats.estimatedBytes() <= CAP * ByteBudget.EVICT_DOWN_TO_PERCENT / 100,
                "estimated " + stats.estimatedBytes());
        int firstLeft = 0;
        int secondLeft = 0;
        for (int i = 0; i < 40; i++) {
            firstLeft += ref(head, series("gone_first", i)) != 0 ? 1 : 0;
            secondLeft += ref(head, series("gone_second", i)) != 0 ? 1 : 0;
        }
        assertTrue(firstLeft == 0 || secondLeft == 40, "the least recently written series go first: " + firstLeft
                + " of the first batch and " + secondLeft + " of the second left");
        assertEquals(80 - firstLeft - secondLeft, stats.seriesEvicted());
        assertEquals(stats.samplesAppended() - stats.samplesStored(), stats.samplesEvicted(),
                "the samples of evicted series are counted too");
        assertNotNull(head.querier().labels(ref(head, newestLive)), "series being written stay");
        assertTrue(firstLeft < 40, "the least recently written idle series went");
    }

    @Test
    void evictedSamplesACursorHadNotReadAreCountedAsDroppedOnIt() {
        Head head = head(CAP, Runnable::run);
        long[] refs = new long[SERIES];
        try (Cursor behind = head.openCursor("behind"); Cursor caughtUp = head.openCursor("caught-up")) {
            long read = 0;
            for (int s = 0; s < 1_000; s++) {
                scrape(head, "load", SERIES);
                for (int i = 0; i < SERIES; i++) {
                    if (refs[i] == 0) {
                        refs[i] = ref(head, series("load", i));
                    }
                    read += caughtUp.read(refs[i], Long.MAX_VALUE, Integer.MAX_VALUE, (t, v) -> { });
                }
            }

            HeadStats stats = head.stats();
            assertTrue(stats.samplesEvicted() > 0);
            assertEquals(stats.samplesEvicted(), behind.droppedSamples(), "a cursor that read nothing lost every evicted sample");
            assertEquals(0, caughtUp.droppedSamples(), "a cursor that read everything lost nothing");
            assertEquals(stats.samplesAppended(), read);
        }
    }

    @Test
    void aRestoredSnapshotCountsAgainstTheCapAndIsEvictedDownToIt(@TempDir Path dir) throws Exception {
        Head unlimited = new Head(new HeadOptions(RETENTION, 1_000_000, clock::get));
        for (int s = 0; s < 1_000; s++) {
            scrape(unlimited, "load", SERIES);
        }
        long saved = unlimited.stats().estimatedBytes();
        // Restoring deletes the file, so it is written again before each restore.
        Head restoredWithoutCap = new Head(new HeadOptions(RETENTION, 1_000_000, clock::get));
        SnapshotFile.in(dir, clock::get).save(unlimited, Map.of());
        SnapshotFile.in(dir, clock::get).restoreInto(restoredWithoutCap);
        Head capped = head(CAP, Runnable::run);
        SnapshotFile.in(dir, clock::get).save(unlimited, Map.of());
        SnapshotFile.in(dir, clock::get).restoreInto(capped);

        long restored = restoredWithoutCap.stats().estimatedBytes();
        assertTrue(restored > saved * 9 / 10 && restored < saved * 11 / 10,
                "restored " + restored + " of " + saved + " (the open chunks come back closed)");
        assertTrue(saved > CAP);
        HeadStats stats = capped.stats();
        assertTrue(stats.estimatedBytes() <= CAP * ByteBudget.EVICT_DOWN_TO_PERCENT / 100, "estimated " + stats.estimatedBytes());
        assertEquals(stats.samplesAppended() + restoredWithoutCap.stats().samplesStored() - stats.samplesStored(),
                stats.samplesEvicted());
    }

    @Test
    void aBufferWithoutACapNeverEvicts() {
        Head head = new Head(new HeadOptions(RETENTION, 1_000_000, clock::get));
        for (int s = 0; s < 2_000; s++) {
            scrape(head, "load", SERIES);
        }
        HeadStats stats = head.stats();
        assertEquals(0, stats.samplesEvicted());
        assertEquals(stats.samplesAppended(), stats.samplesStored());
        assertEquals(Long.MAX_VALUE, stats.maxBytes());
        assertTrue(stats.estimatedBytes() > CAP, "the same data would exceed the cap of the other tests");
    }
}
