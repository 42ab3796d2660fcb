package io.promrelay.remote.send;

import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One of an endpoint's parallel senders: a bounded queue of samples and at most one request in flight.
 * A batch leaves when it is full ({@code max_samples_per_send}, or the whole queue when that is smaller)
 * or when its oldest sample has waited {@code batch_send_deadline}. The reader only adds what
 * {@link #room()} allows, so a full queue makes the reader wait rather than lose samples.
 *
 * <p>A batch counts as unsent from the moment it is taken until its sender settles it (delivered, refused
 * for good, or expired). After {@link #stop()} no batch is taken, and the samples still queued or in an
 * unsettled batch are what shutdown must keep for the next start.
 */
final class Shard {
    private final int capacity;
    private final int maxPerSend;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private final Function<Batch, Future<Boolean>> sender;
    private final Runnable afterSend;

    private final OutgoingSeries[] series;
    private final long[] timestamps;
    private final double[] values;
    private int head;
    private int size;
    private Batch unsettled;
    private boolean stopped;
    private long oldestQueuedNanos;
    private int peakQueued;

    /**
     * @param sender    delivers a batch; its future completes with true when the batch is settled, false when
     *                  it was abandoned unsent because the endpoint stopped
     * @param afterSend told after each batch is done with, on the sender's thread
     */
    Shard(int capacity, int maxPerSend, long deadlineNanos, LongSupplier nanoClock,
          Function<Batch, Future<Boolean>> sender, Runnable afterSend) {
        this.capacity = capacity;
        this.maxPerSend = maxPerSend;
        this.deadlineNanos = deadlineNanos;
        this.nanoClock = nanoClock;
        this.sender = sender;
        this.afterSend = afterSend;
        this.series = new OutgoingSeries[capacity];
        this.timestamps = new long[capacity];
        this.values = new double[capacity];
    }

    synchronized int room() {
        return capacity - size;
    }

    /** Samples queued or in flight. */
    synchronized int pending() {
        return size + (unsettled == null ? 0 : unsettled.size());
    }

    /** Queues samples of one series, oldest first; never more than {@link #room()}. */
    synchronized void add(OutgoingSeries of, long[] ts, double[] vs, int n) {
        if (n > capacity - size) {
            throw new IllegalStateException("shard queue overflow: " + n + " samples for " + (capacity - size) + " free");
        }
        if (size == 0) {
            oldestQueuedNanos = nanoClock.getAsLong();
        }
        for (int i = 0; i < n; i++) {
            int slot = (head + size + i) % capacity;
            series[slot] = of;
            timestamps[slot] = ts[i];
            values[slot] = vs[i];
        }
        size += n;
        peakQueued = Math.max(peakQueued, size);
    }

    /**
     * The most samples queued at once since the last call. The scaler needs the peak, not the fill of the
     * moment it asks: scrapes arrive in bursts, and a queue that is empty between bursts is not idle.
     */
    synchronized int takePeakQueued() {
        int peak = peakQueued;
        peakQueued = size;
        return peak;
    }

    /** Sends a batch when one is due and none is in flight. */
    void pump() {
        Batch batch = takeDueBatch();
        if (batch != null) {
            sender.apply(batch).onComplete(done -> {
                // A batch whose sending failed outright would fail again; only an abandoned one is kept.
                if (done.failed() || done.result()) {
                    settled(batch);
                }
                afterSend.run();
                pump();
            });
        }
    }

    private synchronized Batch takeDueBatch() {
        if (unsettled != null || size == 0 || stopped) {
            return null;
        }
        boolean full = size >= Math.min(maxPerSend, capacity);
        if (!full && nanoClock.getAsLong() - oldestQueuedNanos < deadlineNanos) {
            return null;
        }
        int n = Math.min(size, maxPerSend);
        OutgoingSeries[] s = new OutgoingSeries[n];
        long[] ts = new long[n];
        double[] vs = new double[n];
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int slot = (head + i) % capacity;
            s[i] = series[slot];
            series[slot] = null;
            ts[i] = timestamps[slot];
            vs[i] = values[slot];
            newest = Math.max(newest, ts[i]);
        }
        head = (head + n) % capacity;
        size -= n;
        unsettled = new Batch(s, ts, vs, newest);
        return unsettled;
    }

    private synchronized void settled(Batch batch) {
        if (unsettled == batch) {
            unsettled = null;
        }
    }

    /** Takes no more batches; what is queued stays queued. */
    synchronized void stop() {
        stopped = true;
    }

    /** Told each sample that was queued or taken but not settled, per series oldest first. */
    interface UnsentSample {
        void accept(OutgoingSeries series, long timestampMillis);
    }

    synchronized void forEachUnsent(UnsentSample action) {
        if (unsettled != null) {
            for (int i = 0; i < unsettled.size(); i++) {
                action.accept(unsettled.series()[i], unsettled.timestamps()[i]);
            }
        }
        for (int i = 0; i < size; i++) {
            int slot = (head + i) % capacity;
            action.accept(series[slot], timestamps[slot]);
        }
    }
}
