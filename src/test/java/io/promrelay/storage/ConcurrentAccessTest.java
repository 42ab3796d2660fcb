package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Writers scrape their own series while a reader selects and reads them. Every sample's value is
 * derived from its timestamp, so a torn or half-written read shows up as a mismatch.
 */
class ConcurrentAccessTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final int WRITERS = 4;
    private static final int SERIES_PER_WRITER = 300;
    private static final int SCRAPES = 300;
    private static final List<Matcher> ALL = List.of(Matcher.equal("__name__", "m"));

    private static double valueAt(long t) {
        return t * 0.5;
    }

    @Test
    void readersSeeConsistentSeriesWhileWritersAppend() throws Exception {
        AtomicLong clock = new AtomicLong(T0);
        Head head = new Head(new HeadOptions(Duration.ofHours(6), 1_000_000, clock::get));
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(new Thread(() -> runGuarded(failures, () -> scrapeLoop(head, writer, start))));
        }
        Thread reader = new Thread(() -> runGuarded(failures, () -> {
            start.await();
            Map<Long, Long> newestSeen = new HashMap<>();
            do {
                readOnce(head, newestSeen);
                head.truncate();
            } while (writing.get());
            readOnce(head, newestSeen);
        }));
        writers.forEach(Thread::start);
        reader.start();
        start.countDown();
        for (Thread t : writers) {
            t.join();
        }
        writing.set(false);
        reader.join();

        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        HeadStats stats = head.stats();
        assertEquals((long) WRITERS * SERIES_PER_WRITER * SCRAPES, stats.samplesAppended());
        assertEquals(stats.samplesAppended(), stats.samplesStored());
        assertEquals((long) WRITERS * SERIES_PER_WRITER, stats.activeSeries());
        for (long ref : head.querier().select(ALL)) {
            Sample s = new Sample();
            assertTrue(head.querier().latest(ref, Long.MIN_VALUE, Long.MAX_VALUE, s));
            assertEquals(T0 + (SCRAPES - 1) * 15_000L, s.timestamp);
        }
    }

    private static void scrapeLoop(Head head, int writer, CountDownLatch start) throws Exception {
        start.await();
        long[] refs = new long[SERIES_PER_WRITER];
        for (int scrape = 0; scrape < SCRAPES; scrape++) {
            long t = T0 + scrape * 15_000L;
            Appender app = head.appender();
            for (int i = 0; i < SERIES_PER_WRITER; i++) {
                Labels labels = Labels.of("__name__", "m", "writer", Integer.toString(writer), "i", Integer.toString(i));
                refs[i] = app.append(refs[i], labels, t, valueAt(t));
            }
            app.commit();
        }
    }

    /** Selects all series and checks order, newest samples and full histories. */
    private static void readOnce(Head head, Map<Long, Long> newestSeen) {
        Querier q = head.querier();
        long[] refs = q.select(ALL);
        Labels previous = null;
        Sample s = new Sample();
        for (long ref : refs) {
            Labels labels = q.labels(ref);
            if (previous != null && previous.compareTo(labels) >= 0) {
                throw new AssertionError("select order broken at " + labels);
            }
            previous = labels;
            if (q.latest(ref, Long.MIN_VALUE, Long.MAX_VALUE, s)) {
                if (s.value != valueAt(s.timestamp)) {
                    throw new AssertionError("latest of " + labels + " has value " + s.value + " at " + s.timestamp);
                }
                Long before = newestSeen.put(ref, s.timestamp);
                if (before != null && before > s.timestamp) {
                    throw new AssertionError("newest sample of " + labels + " went back in time");
                }
                checkHistory(q, ref, s.timestamp);
            }
        }
    }

    private static void checkHistory(Querier q, long ref, long newest) {
        SampleIterator it = q.samples(ref, Long.MIN_VALUE, Long.MAX_VALUE);
        long expected = T0;
        while (it.next()) {
            if (it.timestamp() != expected || it.value() != valueAt(expected)) {
                throw new AssertionError("sample of ref " + ref + " at " + it.timestamp() + " expected at " + expected);
            }
            expected += 15_000;
        }
        if (expected <= newest) {
            throw new AssertionError("history of ref " + ref + " ends before its newest sample " + newest);
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void runGuarded(Queue<Throwable> failures, Body body) {
        try {
            body.run();
        } catch (Throwable t) {
            failures.add(t);
        }
    }
}
