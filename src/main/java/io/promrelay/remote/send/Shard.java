package io.promrelay.remote.send;

import io.vertx.core.Future;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One of an endpoint's parallel senders: a bounded queue of samples and at most one request in flight.
 * A batch leaves when it is full ({@code max_samples_per_send}, or the whole queue when that is smaller)
 * or when its oldest sample has waited {@code batch_send_deadline}. The reader only adds what
 * {@link #room()} allows, so a full queue makes the reader wait rather than lose samples.
 */
final class Shard {
    private final int capacity;
    private final int maxPerSend;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private final Function<Batch, Future<?>> sender;
    private final Runnable afterSend;

    private final OutgoingSeries[] series;
    private final long[] timestamps;
    private final double[] values;
    private int head;
    private int size;
    private int inFlight;
    private long oldestQueuedNanos;

    /**
     * @param sender    delivers a batch; its future completes when the batch is done with (sent or given up)
     * @param afterSend told after each batch is done with, on the sender's thread
     */
    Shard(int capacity, int maxPerSend, long deadlineNanos, LongSupplier nanoClock,
          Function<Batch, Future<?>> sender, Runnable afterSend) {
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
        return size + inFlight;
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
    }

    /** Sends a batch when one is due and none is in flight. */
    void pump() {
        Batch batch = takeDueBatch();
        if (batch != null) {
            sender.apply(batch).onComplete(done -> {
                synchronized (this) {
                    inFlight = 0;
                }
                afterSend.run();
                pump();
            });
        }
    }

    private synchronized Batch takeDueBatch() {
        if (inFlight > 0 || size == 0) {
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
        inFlight = n;
        return new Batch(s, ts, vs, newest);
    }
}
