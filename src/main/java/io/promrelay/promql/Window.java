package io.promrelay.promql;

/**
 * One range function's window at one step: samples {@code lo..hi-1} of {@code series}, the window
 * bounds, the step's evaluation time, and the function's scalar arguments at that step. A function
 * writes its answer to {@link #result}. Reused across steps to allocate nothing per step.
 */
final class Window {
    RawSeries series;
    int lo;
    int hi;
    long start;
    long end;
    long evalTime;
    final double[] args;
    double result;

    Window(int scalarArgs) {
        this.args = new double[scalarArgs];
    }

    int size() {
        return hi - lo;
    }

    long t(int i) {
        return series.t[lo + i];
    }

    double v(int i) {
        return series.v[lo + i];
    }

    /** A copy of the window's values, for functions that sort them. */
    double[] values() {
        double[] out = new double[hi - lo];
        System.arraycopy(series.v, lo, out, 0, out.length);
        return out;
    }
}
