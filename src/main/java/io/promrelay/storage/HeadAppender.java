package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.util.Arrays;

/**
 * Buffers one writer's samples and applies them at commit. The append-time checks run against
 * committed samples so the caller learns of a rejection at once; commit checks again under each
 * series' lock (another writer may have committed meanwhile) and counts what it then refuses.
 */
final class HeadAppender implements Appender {
    private final Head head;
    private MemSeries[] series = new MemSeries[64];
    private long[] timestamps = new long[64];
    private double[] values = new double[64];
    private int size;

    HeadAppender(Head head) {
        this.head = head;
    }

    @Override
    public long append(long ref, Labels labels, long timestampMillis, double value) throws StorageException {
        if (timestampMillis < head.oldestAppendable()) {
            throw rejected(StorageException.Kind.TOO_OLD);
        }
        if (head.full()) {
            throw rejected(StorageException.Kind.BYTES_LIMIT);
        }
        MemSeries target = ref == 0 ? null : head.liveSeries(ref);
        if (target == null) {
            if (labels == null) {
                throw new IllegalArgumentException("series reference " + ref + " is unknown and no labels were given");
            }
            target = head.getOrCreate(labels);
        }
        MemSeries.Verdict verdict = target.check(timestampMillis, value);
        if (verdict.rejection() != null) {
            throw rejected(verdict.rejection());
        }
        if (verdict != MemSeries.Verdict.IGNORE) {
            buffer(target, timestampMillis, value);
        }
        return target.ref;
    }

    private StorageException rejected(StorageException.Kind kind) {
        head.rejected(kind);
        return new StorageException(kind);
    }

    private void buffer(MemSeries target, long timestamp, double value) {
        if (size == series.length) {
            int grown = size * 2;
            series = Arrays.copyOf(series, grown);
            timestamps = Arrays.copyOf(timestamps, grown);
            values = Arrays.copyOf(values, grown);
        }
        series[size] = target;
        timestamps[size] = timestamp;
        values[size] = value;
        size++;
    }

    @Override
    public void commit() {
        long now = head.nowMillis();
        UsageDelta usage = new UsageDelta();
        long appended = 0;
        long newest = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            MemSeries.Verdict verdict = appendBuffered(series[i], timestamps[i], values[i], now, usage);
            if (verdict == MemSeries.Verdict.APPEND) {
                appended++;
                newest = Math.max(newest, timestamps[i]);
            } else if (verdict.rejection() != null) {
                head.rejected(verdict.rejection());
            }
        }
        head.committed(appended, newest, usage);
        clear();
    }

    private MemSeries.Verdict appendBuffered(MemSeries target, long timestamp, double value, long now, UsageDelta usage) {
        MemSeries.Verdict verdict = target.append(timestamp, value, now, usage);
        if (verdict != MemSeries.Verdict.SERIES_REMOVED) {
            return verdict;
        }
        try {
            return head.getOrCreate(target.labels).append(timestamp, value, now, usage);
        } catch (StorageException seriesLimit) {
            // getOrCreate counted the refusal already; the sample is simply lost with its series.
            return MemSeries.Verdict.SERIES_REMOVED;
        }
    }

    @Override
    public void rollback() {
        clear();
    }

    private void clear() {
        Arrays.fill(series, 0, size, null);
        size = 0;
    }
}
