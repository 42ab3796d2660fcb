package io.promrelay.promql;

import java.util.List;

/**
 * The input of a range function: each series' samples, and for each step the end of its window;
 * a window holds the samples in [end - range, end], both ends included as in Prometheus 2.
 */
record Windows(List<RawSeries> series, long rangeMillis, long[] ends) {
    long points() {
        long n = 0;
        for (RawSeries s : series) {
            n += s.size;
        }
        return n;
    }
}
