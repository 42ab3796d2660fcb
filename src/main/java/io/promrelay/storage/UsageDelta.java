package io.promrelay.storage;

/**
 * Chunk bytes, stored samples and estimated object overhead a batch of work added (negative when it
 * freed them), gathered locally so the shared counters are touched once per batch rather than once
 * per sample.
 */
final class UsageDelta {
    long bytes;
    long samples;
    /** Estimated bytes beyond the chunk payload: chunk and series objects, see {@link MemoryEstimate}. */
    long overhead;
    /** Chunks closed (positive) or freed (negative); a closed chunk is something the byte cap can evict. */
    int closedChunks;

    void add(long bytesDelta, long samplesDelta) {
        bytes += bytesDelta;
        samples += samplesDelta;
    }

    void chunkClosed() {
        overhead += MemoryEstimate.CLOSED_CHUNK_OVERHEAD;
        closedChunks++;
    }

    void closedChunkFreed(long payloadBytes, int samplesFreed) {
        add(-payloadBytes, -samplesFreed);
        overhead -= MemoryEstimate.CLOSED_CHUNK_OVERHEAD;
        closedChunks--;
    }

    /** The change in the estimated size of the buffer. */
    long estimatedBytes() {
        return bytes + overhead;
    }
}
