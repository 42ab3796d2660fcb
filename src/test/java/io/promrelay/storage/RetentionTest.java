package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetentionTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long STEP = 15_000;
    private static final long RETENTION = Duration.ofMinutes(10).toMillis();
    private static final Labels BUSY = Labels.of("__name__", "node_load1", "instance", "busy");
    private static final Labels GONE = Labels.of("__name__", "node_load1", "instance", "gone");

    private final AtomicLong clock = new AtomicLong(T0);
    private final Head head = new Head(new HeadOptions(Duration.ofMillis(RETENTION), 100, clock::get));

    /** Scrapes the given series once at the clock's time. */
    private long[] scrape(long[] refs, Labels... series) throws StorageException {
        Appender app = head.appender();
        long[] out = new long[series.length];
        for (int i = 0; i < series.length; i++) {
            out[i] = app.append(refs == null ? 0 : refs[i], series[i], clock.get(), clock.get() / 1000.0);
        }
        app.commit();
        return out;
    }

    private int count(long ref) {
        int n = 0;
        SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
        while (it.next()) {
            n++;
        }
        return n;
    }

    @Test
    void oldChunksAreDroppedAndIdleSeriesRemoved() throws StorageException {
        long[] refs = scrape(null, BUSY, GONE);
        // One hour of scrapes of the busy series: 240 samples, two closed chunks and an open one.
        for (int i = 1; i < 240; i++) {
            clock.addAndGet(STEP);
            scrape(new long[] {refs[0]}, BUSY);
        }
        assertEquals(241, head.stats().samplesStored());

        head.truncate();
        head.truncate();

        assertEquals(120, count(refs[0]), "both closed chunks ended more than 10 minutes ago");
        assertEquals(120, head.stats().samplesStored());
        assertNull(head.querier().labels(refs[1]));
        assertFalse(head.querier().latest(refs[1], Long.MIN_VALUE, Long.MAX_VALUE, new Sample()));
        assertFalse(head.querier().samples(refs[1], Long.MIN_VALUE, Long.MAX_VALUE).next());
        assertArrayEquals(new long[] {refs[0]}, head.querier().select(List.of(Matcher.equal("__name__", "node_load1"))));
        assertEquals(List.of("busy"), head.querier().labelValues("instance"));
        assertArrayEquals(new long[] {refs[0]}, head.refsAfter(0, 10));
        HeadStats stats = head.stats();
        assertEquals(1, stats.activeSeries());
        assertEquals(1, stats.seriesRemoved());
        assertEquals(2, stats.seriesCreated());
    }

    @Test
    void removedReferenceFallsBackToLabelsUnderANewReference() throws StorageException {
        long gone = scrape(null, GONE)[0];
        clock.addAndGet(RETENTION + 1);
        head.truncate();
        assertNull(head.querier().labels(gone));

        long again = scrape(new long[] {gone}, GONE)[0];
        assertTrue(again > gone, "a new reference, never a reused one");
        assertEquals(GONE, head.querier().labels(again));
        assertEquals(1, count(again));
        assertEquals(1, head.stats().activeSeries());
    }

    @Test
    void seriesWrittenWithinTheRetentionIsKept() throws StorageException {
        long ref = scrape(null, BUSY)[0];
        clock.addAndGet(RETENTION);
        head.truncate();
        assertEquals(BUSY, head.querier().labels(ref));
        assertEquals(1, count(ref));
    }

    @Test
    void seriesJustCreatedWithoutSamplesIsKeptThenFreed() throws StorageException {
        clock.addAndGet(RETENTION * 5);
        Appender app = head.appender();
        long ref = app.append(0, GONE, T0, 1);
        app.rollback();
        head.truncate();
        assertEquals(GONE, head.querier().labels(ref), "a series created by a scrape in progress stays");

        clock.addAndGet(RETENTION + 1);
        head.truncate();
        assertNull(head.querier().labels(ref));
        assertEquals(0, head.stats().activeSeries());
        assertEquals(0, head.stats().chunkBytes());
    }

    @Test
    void appenderHoldingARemovedSeriesCommitsToItsReplacement() throws StorageException {
        long ref = scrape(null, GONE)[0];
        clock.addAndGet(RETENTION + 1);
        Appender app = head.appender();
        app.append(ref, GONE, clock.get(), 5);
        head.truncate();
        app.commit();
        long[] found = head.querier().select(List.of(Matcher.equal("instance", "gone")));
        assertEquals(1, found.length);
        assertTrue(found[0] > ref);
        Sample s = new Sample();
        assertTrue(head.querier().latest(found[0], Long.MIN_VALUE, Long.MAX_VALUE, s));
        assertEquals(5.0, s.value);
    }

    @Test
    void refsAfterPagesThroughLiveSeriesInReferenceOrder() throws StorageException {
        Labels[] many = new Labels[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = Labels.of("__name__", "m", "i", Integer.toString(i));
        }
        Head big = new Head(new HeadOptions(Duration.ofMillis(RETENTION), 100_000, clock::get));
        Appender app = big.appender();
        long[] refs = new long[many.length];
        for (int i = 0; i < many.length; i++) {
            refs[i] = app.append(0, many[i], clock.get(), i);
        }
        app.commit();
        long after = 0;
        int seen = 0;
        for (long[] page = big.refsAfter(after, 3_000); page.length > 0; page = big.refsAfter(after, 3_000)) {
            for (long ref : page) {
                assertEquals(refs[seen++], ref);
            }
            after = page[page.length - 1];
        }
        assertEquals(many.length, seen);
        assertEquals(0, big.refsAfter(refs[refs.length - 1], 10).length);
    }
}
