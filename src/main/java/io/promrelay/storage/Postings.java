package io.promrelay.storage;

import java.util.Arrays;

/** Set operations on postings: sorted arrays of distinct series references. */
final class Postings {
    static final long[] NONE = new long[0];

    private Postings() {
    }

    static long[] intersect(long[] a, long[] b) {
        long[] small = a.length <= b.length ? a : b;
        long[] large = small == a ? b : a;
        long[] out = new long[small.length];
        int n = 0;
        int from = 0;
        // Binary search from the last hit: a short list (a metric name) against a long one (a job) costs little.
        for (long ref : small) {
            int at = Arrays.binarySearch(large, from, large.length, ref);
            if (at >= 0) {
                out[n++] = ref;
                from = at + 1;
            } else {
                from = -at - 1;
                if (from == large.length) {
                    break;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The references of {@code a} that are not in {@code b}. */
    static long[] subtract(long[] a, long[] b) {
        long[] out = new long[a.length];
        int n = 0;
        int j = 0;
        for (long ref : a) {
            while (j < b.length && b[j] < ref) {
                j++;
            }
            if (j == b.length || b[j] != ref) {
                out[n++] = ref;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
