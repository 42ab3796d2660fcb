package io.promrelay.storage;

import java.util.Arrays;

/**
 * Where a {@link Cursor} stood in each series: the newest timestamp it had read, by series reference.
 * Series the cursor had read nothing of are absent. Immutable; a snapshot saves it and a restored
 * cursor resumes from it.
 */
public final class CursorPositions {
    public static final CursorPositions NONE = new CursorPositions(new long[0], new long[0], 0);

    private final long[] refs;
    private final long[] timestamps;
    private final int size;

    /** @param refs increasing */
    CursorPositions(long[] refs, long[] timestamps, int size) {
        this.refs = refs;
        this.timestamps = timestamps;
        this.size = size;
    }

    public int size() {
        return size;
    }

    /** The newest timestamp read in series {@code ref}, or {@link Long#MIN_VALUE} when nothing was. */
    long of(long ref) {
        int i = Arrays.binarySearch(refs, 0, size, ref);
        return i >= 0 ? timestamps[i] : Long.MIN_VALUE;
    }

    long ref(int i) {
        return refs[i];
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    /** Collects positions in increasing reference order. */
    static final class Builder {
        private long[] refs = new long[64];
        private long[] timestamps = new long[64];
        private int size;

        void add(long ref, long timestamp) {
            if (timestamp == Long.MIN_VALUE) {
                return;
            }
            if (size == refs.length) {
                refs = Arrays.copyOf(refs, size * 2);
                timestamps = Arrays.copyOf(timestamps, size * 2);
            }
            refs[size] = ref;
            timestamps[size] = timestamp;
            size++;
        }

        CursorPositions build() {
            return new CursorPositions(refs, timestamps, size);
        }
    }
}
