package io.promrelay.promql;

import io.promrelay.model.Labels;

/**
 * One series of an instant-vector result over all steps of an evaluation: a value or nothing per
 * step. Held densely, one slot per step, allocated when the first value arrives; {@link #slots()}
 * is what the series costs against the query's sample budget.
 */
final class StepSeries {
    final Labels labels;
    private final int steps;
    private double[] values;
    private boolean[] present;
    private int count;

    StepSeries(Labels labels, int steps) {
        this.labels = labels;
        this.steps = steps;
    }

    boolean has(int step) {
        return present != null && present[step];
    }

    double get(int step) {
        return values[step];
    }

    void set(int step, double value) {
        if (present == null) {
            values = new double[steps];
            present = new boolean[steps];
        }
        if (!present[step]) {
            present[step] = true;
            count++;
        }
        values[step] = value;
    }

    /** Sets a value where two results with the same labels at one step are an error, as in Prometheus. */
    void setUnique(int step, double value) {
        if (has(step)) {
            throw QueryException.execution("vector cannot contain metrics with the same labelset");
        }
        set(step, value);
    }

    int count() {
        return count;
    }

    int slots() {
        return present == null ? 0 : steps;
    }
}
