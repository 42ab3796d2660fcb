package io.promrelay.promql;

import io.promrelay.model.Labels;
import java.util.Arrays;

/** A series' samples in time order, as a range selector or a subquery yields them for windowed functions. */
final class RawSeries {
    final Labels labels;
    long[] t;
    double[] v;
    int size;

    RawSeries(Labels labels, int capacity) {
        this.labels = labels;
        this.t = new long[Math.max(capacity, 4)];
        this.v = new double[t.length];
    }

    void add(long time, double value) {
        if (size == t.length) {
            t = Arrays.copyOf(t, size * 2);
            v = Arrays.copyOf(v, size * 2);
        }
        t[size] = time;
        v[size] = value;
        size++;
    }

    /** The first index whose time is at or after {@code time}, searching from {@code from}. */
    int firstAtOrAfter(long time, int from) {
        int i = from;
        while (i < size && t[i] < time) {
            i++;
        }
        return i;
    }
}
