package io.promrelay.remote;

import io.promrelay.model.Labels;

/**
 * One {@code TimeSeries} entry of a request: validated labels and its samples in the order they came. The arrays
 * belong to this record and have the same length; values keep their exact bits (the stale NaN included).
 */
public record PushedSeries(Labels labels, long[] timestamps, double[] values) {
    public int size() {
        return timestamps.length;
    }
}
