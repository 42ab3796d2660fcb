package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.util.List;
import java.util.Map;

/**
 * A snapshot read and checked, not yet in a buffer.
 *
 * @param writtenAtMillis when it was written, by the wall clock
 * @param endpointKeys    the remote-write endpoints whose positions it holds, in the order of each series' positions
 * @param metadata        descriptions by family, newest first
 * @param series          in the order of their references when saved
 */
record SnapshotContents(long writtenAtMillis, List<String> endpointKeys, Map<String, List<MetricMetadata>> metadata,
                        List<Series> series) {
    /** @param positions by endpoint, in the order of {@link #endpointKeys}; {@link Long#MIN_VALUE} where nothing was read */
    record Series(Labels labels, SavedSeries saved, long[] positions) {
    }
}
