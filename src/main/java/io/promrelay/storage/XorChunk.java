package io.promrelay.storage;

/**
 * An immutable Gorilla-compressed run of samples. The array is never written after construction,
 * so any thread may decode it without a lock.
 *
 * @param bytes   the trimmed bit stream written by {@link XorChunkAppender}
 * @param count   the number of samples in the stream
 * @param minTime the first sample's timestamp
 * @param maxTime the last sample's timestamp
 */
record XorChunk(byte[] bytes, int count, long minTime, long maxTime) {

    XorChunkIterator iterator() {
        return new XorChunkIterator(bytes, count);
    }

    boolean overlaps(long fromMillis, long toMillis) {
        return count > 0 && maxTime >= fromMillis && minTime <= toMillis;
    }
}
