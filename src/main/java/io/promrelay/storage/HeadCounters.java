package io.promrelay.storage;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The buffer's running totals; adders, because many scrapes commit at once. */
final class HeadCounters {
    private final LongAdder samplesAppended = new LongAdder();
    private final LongAdder chunkBytes = new LongAdder();
    private final LongAdder samplesStored = new LongAdder();
    private final LongAdder seriesCreated = new LongAdder();
    private final LongAdder seriesRemoved = new LongAdder();
    private final LongAdder samplesEvicted = new LongAdder();
    private final LongAdder seriesEvicted = new LongAdder();
    private final LongAdder[] rejected = new LongAdder[StorageException.Kind.values().length];

    HeadCounters() {
        for (int i = 0; i < rejected.length; i++) {
            rejected[i] = new LongAdder();
        }
    }

    void rejected(StorageException.Kind kind) {
        rejected[kind.ordinal()].increment();
    }

    void committed(long samples, UsageDelta usage) {
        samplesAppended.add(samples);
        addUsage(usage);
    }

    void removed(int series, UsageDelta freed) {
        seriesRemoved.add(series);
        addUsage(freed);
    }

    void evicted(int series, UsageDelta freed) {
        seriesEvicted.add(series);
        samplesEvicted.add(-freed.samples);
        addUsage(freed);
    }

    void seriesCreated() {
        seriesCreated.increment();
    }

    private void addUsage(UsageDelta usage) {
        chunkBytes.add(usage.bytes);
        samplesStored.add(usage.samples);
    }

    HeadStats snapshot(long activeSeries, long estimatedBytes, long maxBytes) {
        Map<StorageException.Kind, Long> byKind = new EnumMap<>(StorageException.Kind.class);
        for (StorageException.Kind kind : StorageException.Kind.values()) {
            byKind.put(kind, rejected[kind.ordinal()].sum());
        }
        return new HeadStats(activeSeries, samplesAppended.sum(), chunkBytes.sum(), samplesStored.sum(),
                byKind, seriesCreated.sum(), seriesRemoved.sum(), estimatedBytes, maxBytes, samplesEvicted.sum(),
                seriesEvicted.sum());
    }
}
