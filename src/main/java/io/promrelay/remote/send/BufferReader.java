package io.promrelay.remote.send;

import io.promrelay.storage.Cursor;
import io.promrelay.storage.Head;
import io.promrelay.storage.SampleConsumer;
import java.util.function.LongSupplier;

/**
 * Feeds an endpoint's shards from the buffer through the endpoint's {@link Cursor}. It walks all series in
 * time windows, oldest first: each window ends at most {@link #CATCH_UP_WINDOW_MILLIS} after the previous
 * one and never after the newest data, so after an outage the backlog goes out in time order across
 * series, window after window, as fast as the receiver takes it.
 *
 * <p>When the shard a series maps to has no room the walk stops right there and resumes at the same
 * series later: the samples stay in the buffer, so a slow receiver costs nothing but lag, and only
 * retention can lose data (counted by the cursor). No settle delay is needed before reading recent
 * samples: positions are kept per series, so a sample committed late below a finished window's end is
 * simply read by the next walk.
 *
 * <p>Not thread-safe: the endpoint runs one {@link #tick()} at a time.
 */
final class BufferReader {
    static final long CATCH_UP_WINDOW_MILLIS = 30_000;
    private static final int REFS_PER_PAGE = 1024;
    private static final int MAX_READ = 1024;
    private static final long TICK_BUDGET_NANOS = 200_000_000L;

    private final Head head;
    private final Cursor cursor;
    private final SeriesResolver resolver;
    private final ShardSet shards;
    private final EndpointStats stats;
    private final LongSupplier clockMillis;
    private final LongSupplier nanoClock;
    private final ReadBuffer buffer = new ReadBuffer();
    private long lastEnd;
    private Walk walk;
    private volatile boolean waitingForRoom;
    private volatile boolean fellBehind;

    private static final class Walk {
        final long end;
        final boolean catchingUp;
        long doneThroughRef;

        Walk(long end, boolean catchingUp) {
            this.end = end;
            this.catchingUp = catchingUp;
        }
    }

    /** Collects one read's samples so they enter the shard's queue under one lock. */
    private static final class ReadBuffer implements SampleConsumer {
        final long[] timestamps = new long[MAX_READ];
        final double[] values = new double[MAX_READ];
        int size;

        @Override
        public void accept(long timestampMillis, double value) {
            timestamps[size] = timestampMillis;
            values[size] = value;
            size++;
        }
    }

    /** @param startMillis samples up to this time are read in the first window, whatever their age */
    BufferReader(Head head, Cursor cursor, SeriesResolver resolver, ShardSet shards, EndpointStats stats,
                 long startMillis, LongSupplier clockMillis, LongSupplier nanoClock) {
        this.head = head;
        this.cursor = cursor;
        this.resolver = resolver;
        this.shards = shards;
        this.stats = stats;
        this.lastEnd = startMillis;
        this.clockMillis = clockMillis;
        this.nanoClock = nanoClock;
    }

    /**
     * Moves the cursor past every sample up to {@code timestampMillis} without sending it, and starts the
     * windows there; for an endpoint that begins at the head of the buffer. Runs before the first {@link #tick()}.
     */
    void skipThrough(long timestampMillis) {
        SampleConsumer discard = (t, v) -> { };
        long doneThrough = 0;
        for (long[] refs = head.refsAfter(doneThrough, REFS_PER_PAGE); refs.length > 0;
             refs = head.refsAfter(doneThrough, REFS_PER_PAGE)) {
            for (long ref : refs) {
                int n;
                do {
                    n = cursor.read(ref, timestampMillis, MAX_READ, discard);
                } while (n == MAX_READ);
                doneThrough = ref;
            }
        }
        lastEnd = Math.max(lastEnd, timestampMillis);
    }

    /**
     * Reads as much as the shards take, for a bounded time.
     *
     * @return true when the time ran out with more to read at once
     */
    boolean tick() {
        long budgetEnd = nanoClock.getAsLong() + TICK_BUDGET_NANOS;
        if (!shards.ready()) {
            return false;
        }
        while (true) {
            if (walk == null) {
                long newest = Math.max(clockMillis.getAsLong(), head.newestTimestamp());
                if (lastEnd >= newest) {
                    return false;
                }
                long end = newest - lastEnd > CATCH_UP_WINDOW_MILLIS ? lastEnd + CATCH_UP_WINDOW_MILLIS : newest;
                walk = new Walk(end, end < newest);
            }
            if (!continueWalk()) {
                // A full queue alone is no reason for more shards: every scrape fills them in a burst. Falling
                // more than a catch-up window behind the clock is, and is flagged below.
                waitingForRoom = true;
                return false;
            }
            waitingForRoom = false;
            lastEnd = walk.end;
            boolean catchingUp = walk.catchingUp;
            walk = null;
            resolver.walkCompleted();
            if (!catchingUp) {
                return false;
            }
            fellBehind = true;
            if (nanoClock.getAsLong() - budgetEnd > 0) {
                return true;
            }
        }
    }

    /** True while the walk waits for a shard to make room; a finished request should wake the reader. */
    boolean waitingForRoom() {
        return waitingForRoom;
    }

    /** Whether the reader waited for room or caught up on a backlog since the last call. */
    boolean fellBehindSinceLastAsked() {
        boolean was = fellBehind;
        fellBehind = false;
        return was;
    }

    private boolean continueWalk() {
        while (true) {
            long[] refs = head.refsAfter(walk.doneThroughRef, REFS_PER_PAGE);
            if (refs.length == 0) {
                return true;
            }
            for (long ref : refs) {
                if (!readSeries(ref)) {
                    return false;
                }
                walk.doneThroughRef = ref;
            }
        }
    }

    /** @return false when the series' shard filled up before the series was read to the window's end */
    private boolean readSeries(long ref) {
        OutgoingSeries series = resolver.resolve(ref);
        if (series == null) {
            return true;
        }
        if (series == SeriesResolver.DROPPED) {
            int n;
            do {
                buffer.size = 0;
                n = cursor.read(ref, walk.end, MAX_READ, buffer);
                stats.dropped(EndpointStats.DropReason.RELABEL, n);
            } while (n == MAX_READ);
            return true;
        }
        Shard shard = shards.forRef(ref);
        while (true) {
            int wanted = Math.min(shard.room(), MAX_READ);
            if (wanted == 0) {
                return false;
            }
            buffer.size = 0;
            int n = cursor.read(ref, walk.end, wanted, buffer);
            if (n > 0) {
                shard.add(series, buffer.timestamps, buffer.values, n);
            }
            if (n < wanted) {
                return true;
            }
        }
    }
}
