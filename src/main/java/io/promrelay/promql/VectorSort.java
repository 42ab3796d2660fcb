package io.promrelay.promql;

import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** sort, sort_desc, sort_by_label and sort_by_label_desc: only the order of an instant query's result changes. */
final class VectorSort {
    private VectorSort() {
    }

    /**
     * Orders the series by their value at the first step, which is what an instant query returns:
     * ascending or descending, NaN last either way. sort_by_label sorts by value first, so that
     * series equal in the given labels stay in value order.
     */
    static List<StepSeries> sort(String name, List<StepSeries> series, List<String> labels) {
        boolean descending = name.endsWith("_desc");
        Comparator<StepSeries> byValue = (a, b) -> {
            double x = a.has(0) ? a.get(0) : Double.NaN;
            double y = b.has(0) ? b.get(0) : Double.NaN;
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return descending ? Double.compare(y, x) : Double.compare(x, y);
        };
        List<StepSeries> sorted = new ArrayList<>(series);
        sorted.sort(byValue);
        if (name.startsWith("sort_by_label")) {
            Comparator<StepSeries> byLabels = (a, b) -> {
                for (String l : labels) {
                    int c = NaturalOrder.compare(valueOf(a.labels, l), valueOf(b.labels, l));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
            sorted.sort(descending ? byLabels.reversed() : byLabels);
        }
        return sorted;
    }

    private static String valueOf(Labels labels, String name) {
        String v = labels.get(name);
        return v == null ? "" : v;
    }

}
