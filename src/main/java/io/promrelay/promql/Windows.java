package io.promrelay.promql;

import java.util.function.Consumer;

/**
 * The input of a range function: each series' samples, and for each step the end of its window;
 * a window holds the samples in [end - range, end], both ends included as in Prometheus 2.
 */
final class Windows {
    /** Hands out the series, each once. */
    interface Source {
        void forEach(Consumer<RawSeries> action);
    }

    /** Sees one step's window: the series' samples lo..hi-1, and the window's bounds. */
    interface Visitor {
        void visit(int step, int lo, int hi, long start, long end);
    }

    private final Source source;
    final long rangeMillis;
    final long[] ends;

    Windows(Source source, long rangeMillis, long[] ends) {
        this.source = source;
        this.rangeMillis = rangeMillis;
        this.ends = ends;
    }

    /**
     * Hands each series to {@code action}. A range selector's series are read from the buffer one at
     * a time and given back to the sample budget after the action, so this may be called only once.
     */
    void forEachSeries(Consumer<RawSeries> action) {
        source.forEach(action);
    }

    /** Visits the steps whose window holds at least one of the series' samples. */
    void slide(RawSeries s, Visitor visitor) {
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < ends.length; i++) {
            long end = ends[i];
            long start = end - rangeMillis;
            lo = s.firstAtOrAfter(start, lo);
            hi = Math.max(hi, lo);
            while (hi < s.size && s.t[hi] <= end) {
                hi++;
            }
            if (hi > lo) {
                visitor.visit(i, lo, hi, start, end);
            }
        }
    }
}
