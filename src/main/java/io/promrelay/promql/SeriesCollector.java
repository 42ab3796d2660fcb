package io.promrelay.promql;

import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gathers output series by label set, in the order they first appear. */
final class SeriesCollector {
    private final int steps;
    private final Map<Labels, StepSeries> byLabels = new HashMap<>();
    private final List<StepSeries> ordered = new ArrayList<>();

    SeriesCollector(int steps) {
        this.steps = steps;
    }

    StepSeries get(Labels labels) {
        StepSeries s = byLabels.get(labels);
        if (s == null) {
            s = new StepSeries(labels, steps);
            byLabels.put(labels, s);
            ordered.add(s);
        }
        return s;
    }

    /** The series that got at least one value. */
    StepValue.Vectors result() {
        List<StepSeries> out = new ArrayList<>(ordered.size());
        for (StepSeries s : ordered) {
            if (s.count() > 0) {
                out.add(s);
            }
        }
        return new StepValue.Vectors(out);
    }
}
