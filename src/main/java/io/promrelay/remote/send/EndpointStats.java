package io.promrelay.remote.send;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * What one remote-write endpoint has done, for self-metrics (named and labelled like Prometheus's
 * {@code prometheus_remote_storage_*}). Counters only grow; gauges are read when /metrics is scraped.
 */
public final class EndpointStats {
    /** Why samples were lost for this endpoint. */
    public enum DropReason {
        /** The receiver refused the batch with a 4xx status other than a retried 429. */
        HTTP_4XX,
        /** The buffer's retention deleted them before they could be sent. */
        RETENTION,
        /** {@code write_relabel_configs} dropped their series. */
        RELABEL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String name;
    private final String url;
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder metadataSent = new LongAdder();
    private final LongAdder[] dropped = new LongAdder[DropReason.values().length];
    private final long startMillis;
    private final AtomicLong highestSentMillis = new AtomicLong(Long.MIN_VALUE);
    private final LongSupplier cursorDropped;
    private final LongSupplier newestAppendedMillis;
    private final IntSupplier pending;
    private volatile int shards;
    private volatile int desiredShards;

    EndpointStats(String name, String url, long startMillis, LongSupplier cursorDropped,
                  LongSupplier newestAppendedMillis, IntSupplier pending) {
        this.name = name;
        this.url = url;
        this.startMillis = startMillis;
        this.cursorDropped = cursorDropped;
        this.newestAppendedMillis = newestAppendedMillis;
        this.pending = pending;
        for (int i = 0; i < dropped.length; i++) {
            dropped[i] = new LongAdder();
        }
    }

    /** The endpoint's {@code name} (given or derived). */
    public String remoteName() {
        return name;
    }

    /** The endpoint's URL with any password hidden. */
    public String url() {
        return url;
    }

    public long samplesSent() {
        return sent.sum();
    }

    /** Samples in batches the receiver refused for good (Prometheus's "non-recoverable errors"). */
    public long samplesFailed() {
        return failed.sum();
    }

    /** Samples sent again after a recoverable error, once per retry. */
    public long samplesRetried() {
        return retried.sum();
    }

    public long samplesDropped(DropReason reason) {
        long n = dropped[reason.ordinal()].sum();
        return reason == DropReason.RETENTION ? n + cursorDropped.getAsLong() : n;
    }

    /** Compressed request bytes the receiver accepted. */
    public long bytesSent() {
        return bytesSent.sum();
    }

    public long metadataSent() {
        return metadataSent.sum();
    }

    /** Samples read from the buffer and queued or in flight. */
    public int pendingSamples() {
        return pending.getAsInt();
    }

    public int shards() {
        return shards;
    }

    public int desiredShards() {
        return desiredShards;
    }

    /** The newest sample timestamp the receiver accepted, in Unix seconds; 0 before the first. */
    public double highestSentTimestampSeconds() {
        long highest = highestSentMillis.get();
        return highest == Long.MIN_VALUE ? 0 : highest / 1000.0;
    }

    /**
     * How far the newest accepted sample trails the newest sample appended to the buffer, in seconds; before
     * the first accepted sample, measured from the endpoint's start.
     */
    public double lagSeconds() {
        long newest = newestAppendedMillis.getAsLong();
        if (newest == Long.MIN_VALUE) {
            return 0;
        }
        long highest = highestSentMillis.get();
        return Math.max(0, newest - (highest == Long.MIN_VALUE ? startMillis : highest)) / 1000.0;
    }

    void sent(Batch batch, int bytes) {
        sent.add(batch.size());
        bytesSent.add(bytes);
        highestSentMillis.accumulateAndGet(batch.newestTimestamp(), Math::max);
    }

    void failed(int samples) {
        failed.add(samples);
        dropped[DropReason.HTTP_4XX.ordinal()].add(samples);
    }

    void retried(int samples) {
        retried.add(samples);
    }

    void dropped(DropReason reason, long samples) {
        dropped[reason.ordinal()].add(samples);
    }

    void metadataSent(int families) {
        metadataSent.add(families);
    }

    void shards(int current, int desired) {
        shards = current;
        desiredShards = desired;
    }
}
