package io.promrelay.promql;

/** The steps of an evaluation: start, start + interval, ... up to end, in milliseconds. */
record EvalRange(long start, long end, long interval) {
    int steps() {
        return (int) ((end - start) / interval) + 1;
    }

    long time(int step) {
        return start + step * interval;
    }
}
