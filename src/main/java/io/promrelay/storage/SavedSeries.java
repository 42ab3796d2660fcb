package io.promrelay.storage;

/**
 * A series' data as a snapshot holds it.
 *
 * @param chunks          oldest first, each immutable
 * @param lastTimestamp   the newest sample's timestamp ({@link Long#MIN_VALUE} when there is none)
 * @param lastValue       the newest sample's value, which the duplicate check compares bit for bit
 * @param lastWriteMillis when the series was last written, by the wall clock; the retention keys on it
 */
record SavedSeries(XorChunk[] chunks, long lastTimestamp, double lastValue, long lastWriteMillis) {
    long bytes() {
        long sum = 0;
        for (XorChunk chunk : chunks) {
            sum += chunk.bytes().length;
        }
        return sum;
    }

    long samples() {
        long sum = 0;
        for (XorChunk chunk : chunks) {
            sum += chunk.count();
        }
        return sum;
    }
}
