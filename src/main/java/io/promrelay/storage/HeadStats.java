package io.promrelay.storage;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of the buffer's counters for self-metrics.
 *
 * @param activeSeries    series currently held
 * @param samplesAppended samples committed since start
 * @param chunkBytes      compressed bytes currently held (closed and open chunks)
 * @param samplesStored   samples currently held
 * @param rejected        samples refused since start, by kind
 * @param seriesCreated   series created since start
 * @param seriesRemoved   series removed by the retention since start
 * @param estimatedBytes  the buffer's size by its own estimate: chunks, series and their labels
 * @param maxBytes        the byte cap
 * @param samplesEvicted  samples the byte cap evicted since start, those of evicted series included
 * @param seriesEvicted   idle series the byte cap evicted since start
 */
public record HeadStats(long activeSeries, long samplesAppended, long chunkBytes, long samplesStored,
                        Map<StorageException.Kind, Long> rejected, long seriesCreated, long seriesRemoved,
                        long estimatedBytes, long maxBytes, long samplesEvicted, long seriesEvicted) {
    public HeadStats {
        EnumMap<StorageException.Kind, Long> all = new EnumMap<>(StorageException.Kind.class);
        for (StorageException.Kind kind : StorageException.Kind.values()) {
            all.put(kind, rejected.getOrDefault(kind, 0L));
        }
        rejected = Map.copyOf(all);
    }

    public long rejected(StorageException.Kind kind) {
        return rejected.get(kind);
    }
}
