package io.promrelay.storage;

import java.util.Arrays;

/** One postings list: sorted distinct references, appended in order as series are created. */
final class LongList {
    private long[] refs = new long[4];
    private int size;

    /** Appends a reference; the index adds series in creation order, so references arrive increasing. */
    void add(long ref) {
        if (size > 0 && refs[size - 1] >= ref) {
            throw new IllegalStateException("postings must grow in reference order: " + ref + " after " + refs[size - 1]);
        }
        if (size == refs.length) {
            refs = Arrays.copyOf(refs, size * 2);
        }
        refs[size++] = ref;
    }

    /** Removes every reference found in the sorted array {@code gone}. */
    void removeAll(long[] gone) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (Arrays.binarySearch(gone, refs[i]) < 0) {
                refs[kept++] = refs[i];
            }
        }
        size = kept;
        if (refs.length > 16 && size < refs.length / 4) {
            refs = Arrays.copyOf(refs, Math.max(4, size * 2));
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(refs, size);
    }

    /** Copies the references into {@code into} at {@code offset}; returns the offset after them. */
    int copyTo(long[] into, int offset) {
        System.arraycopy(refs, 0, into, offset, size);
        return offset + size;
    }
}
