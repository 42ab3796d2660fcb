package io.promrelay.promql;

import io.promrelay.model.Labels;

/** One series of an instant-vector result over all steps of an evaluation: a value or nothing per step. */
final class StepSeries {
    final Labels labels;
    final double[] values;
    private final boolean[] present;
    private int count;

    StepSeries(Labels labels, int steps) {
        this.labels = labels;
        this.values = new double[steps];
        this.present = new boolean[steps];
    }

    boolean has(int step) {
        return present[step];
    }

    double get(int step) {
        return values[step];
    }

    void set(int step, double value) {
        if (!present[step]) {
            present[step] = true;
            count++;
        }
        values[step] = value;
    }

    /** Sets a value where two results with the same labels at one step are an error, as in Prometheus. */
    void setUnique(int step, double value) {
        if (present[step]) {
            throw QueryException.execution("vector cannot contain metrics with the same labelset");
        }
        set(step, value);
    }

    int count() {
        return count;
    }
}
