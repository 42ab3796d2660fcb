package io.promrelay.storage;

/**
 * Chunk bytes and stored samples a batch of work added (negative when it freed them), gathered
 * locally so the shared counters are touched once per batch rather than once per sample.
 */
final class UsageDelta {
    long bytes;
    long samples;

    void add(long bytesDelta, long samplesDelta) {
        bytes += bytesDelta;
        samples += samplesDelta;
    }
}
