package io.promrelay.remote.send;

/**
 * Samples taken from one shard for one request, in the order they were read: per series oldest first.
 *
 * @param newestTimestamp the newest timestamp in the batch, in Unix milliseconds
 */
record Batch(OutgoingSeries[] series, long[] timestamps, double[] values, long newestTimestamp) {
    int size() {
        return timestamps.length;
    }
}
