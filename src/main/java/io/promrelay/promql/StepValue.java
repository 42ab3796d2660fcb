package io.promrelay.promql;

import java.util.List;

/** What an expression of scalar, string or instant-vector type evaluates to over the steps of a range. */
sealed interface StepValue {
    record Scalars(double[] values) implements StepValue {
    }

    record Text(String value) implements StepValue {
    }

    record Vectors(List<StepSeries> series) implements StepValue {
        /** The memory the series hold, in step slots, as the sample budget counts it. */
        long slots() {
            long n = 0;
            for (StepSeries s : series) {
                n += s.slots();
            }
            return n;
        }
    }
}
