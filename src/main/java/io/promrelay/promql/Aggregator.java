package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricNames;
import io.promrelay.promql.Expr.AggregateExpr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The aggregation operators. Groups depend only on labels, so each series' group is found once per query. */
final class Aggregator {
    /** The most (group, step) cells of running state held at once. */
    private static final int STATE_CELLS = 1 << 16;

    private final Evaluator ev;

    Aggregator(Evaluator ev) {
        this.ev = ev;
    }

    StepValue aggregate(AggregateExpr a, EvalRange r) {
        double[] param = null;
        String valueLabel = null;
        if (a.op() == AggregateOp.COUNT_VALUES) {
            valueLabel = ev.evalString(a.param(), r);
            if (!MetricNames.isValidLabelName(valueLabel)) {
                throw QueryException.execution("invalid label name \"" + valueLabel + "\"");
            }
        } else if (a.param() != null) {
            param = ev.evalScalars(a.param(), r);
        }
        StepValue.Vectors in = ev.evalVectors(a.expr(), r);
        StepValue.Vectors out = switch (a.op()) {
            case TOPK, BOTTOMK -> topK(a, in, param, r);
            case COUNT_VALUES -> countValues(a, in, valueLabel, r);
            default -> reduce(a, in, param, r);
        };
        ev.limits.add(out.slots());
        ev.release(in);
        return out;
    }

    /** The labels of the group a series falls into. */
    static Labels groupLabels(Labels labels, List<String> grouping, boolean without) {
        if (without) {
            Labels.Builder b = labels.toBuilder().delete(Labels.METRIC_NAME);
            for (String name : grouping) {
                b.delete(name);
            }
            return b.build();
        }
        Labels.Builder b = new Labels.Builder();
        for (String name : grouping) {
            String v = labels.get(name);
            if (v != null) {
                b.set(name, v);
            }
        }
        return b.build();
    }

    private StepValue.Vectors reduce(AggregateExpr a, StepValue.Vectors in, double[] param, EvalRange r) {
        List<StepSeries> series = in.series();
        Map<Labels, Integer> groupIndex = new HashMap<>();
        List<StepSeries> groups = new ArrayList<>();
        int[] groupOf = new int[series.size()];
        for (int k = 0; k < series.size(); k++) {
            Labels key = groupLabels(series.get(k).labels, a.grouping(), a.without());
            Integer g = groupIndex.get(key);
            if (g == null) {
                g = groups.size();
                groupIndex.put(key, g);
                groups.add(new StepSeries(key, r.steps()));
            }
            groupOf[k] = g;
        }
        // Steps are taken in blocks, each series read once per block: walking one series' steps is far
        // kinder to the cache than walking all series per step, and the state stays small.
        int block = (int) Math.max(1, Math.min(r.steps(), STATE_CELLS / Math.max(1, groups.size())));
        GroupState state = new GroupState(a.op(), groups.size() * block);
        for (int from = 0; from < r.steps(); from += block) {
            int to = Math.min(r.steps(), from + block);
            state.reset();
            for (int k = 0; k < series.size(); k++) {
                ev.limits.checkTime();
                StepSeries s = series.get(k);
                int cellOfStepZero = groupOf[k] * block - from;
                for (int i = from; i < to; i++) {
                    if (s.has(i)) {
                        state.add(cellOfStepZero + i, s.get(i));
                    }
                }
            }
            for (int g = 0; g < groups.size(); g++) {
                for (int i = from; i < to; i++) {
                    int cell = g * block + i - from;
                    if (state.count[cell] > 0) {
                        groups.get(g).set(i, state.result(cell, param == null ? 0 : param[i]));
                    }
                }
            }
        }
        List<StepSeries> out = new ArrayList<>();
        for (StepSeries g : groups) {
            if (g.count() > 0) {
                out.add(g);
            }
        }
        return new StepValue.Vectors(out);
    }

    /** Running state of (group, step) cells for the operators that reduce a group to one number. */
    private static final class GroupState {
        private final AggregateOp op;
        final int[] count;
        private final double[] value;
        private final double[] mean;
        private final double[] compensation;
        private final double[][] values;
        private final double[] c = new double[1];

        GroupState(AggregateOp op, int cells) {
            this.op = op;
            this.count = new int[cells];
            this.value = new double[cells];
            this.mean = new double[cells];
            this.compensation = new double[cells];
            this.values = op == AggregateOp.QUANTILE ? new double[cells][] : null;
        }

        void reset() {
            Arrays.fill(count, 0);
            Arrays.fill(value, 0);
            Arrays.fill(mean, 0);
            Arrays.fill(compensation, 0);
        }

        void add(int g, double v) {
            int n = ++count[g];
            switch (op) {
                case SUM -> {
                    c[0] = compensation[g];
                    value[g] = FloatMath.kahanSumInc(v, value[g], c);
                    compensation[g] = c[0];
                }
                case AVG -> addToMean(g, v, n);
                case MIN -> {
                    if (n == 1 || value[g] > v || Double.isNaN(value[g])) {
                        value[g] = v;
                    }
                }
                case MAX -> {
                    if (n == 1 || value[g] < v || Double.isNaN(value[g])) {
                        value[g] = v;
                    }
                }
                case STDDEV, STDVAR -> {
                    double delta = v - mean[g];
                    mean[g] += delta / n;
                    value[g] += delta * (v - mean[g]);
                }
                case QUANTILE -> {
                    if (values[g] == null) {
                        values[g] = new double[4];
                    } else if (n > values[g].length) {
                        values[g] = Arrays.copyOf(values[g], n * 2);
                    }
                    values[g][n - 1] = v;
                }
                default -> {
                    // count and group need nothing but the count.
                }
            }
        }

        /** An incremental mean, so that large values do not overflow a sum; infinities kept as they are. */
        private void addToMean(int g, double v, int n) {
            if (Double.isInfinite(mean[g])) {
                if (Double.isInfinite(v) && (mean[g] > 0) == (v > 0)) {
                    return;
                }
                if (!Double.isInfinite(v) && !Double.isNaN(v)) {
                    return;
                }
            }
            c[0] = compensation[g];
            mean[g] = FloatMath.kahanSumInc(v / n - mean[g] / n, mean[g], c);
            compensation[g] = c[0];
        }

        double result(int g, double param) {
            return switch (op) {
                case SUM -> Double.isInfinite(value[g]) ? value[g] : value[g] + compensation[g];
                case AVG -> Double.isInfinite(mean[g]) ? mean[g] : mean[g] + compensation[g];
                case COUNT -> count[g];
                case GROUP -> 1;
                case STDVAR -> value[g] / count[g];
                case STDDEV -> Math.sqrt(value[g] / count[g]);
                case QUANTILE -> FloatMath.quantile(param, values[g], count[g]);
                default -> value[g];
            };
        }
    }

    /** topk and bottomk keep the input series, with their labels; NaN ranks below every number. */
    private StepValue.Vectors topK(AggregateExpr a, StepValue.Vectors in, double[] param, EvalRange r) {
        boolean top = a.op() == AggregateOp.TOPK;
        List<StepSeries> series = in.series();
        Map<Labels, List<Integer>> groups = new HashMap<>();
        List<List<Integer>> ordered = new ArrayList<>();
        for (int k = 0; k < series.size(); k++) {
            Labels key = groupLabels(series.get(k).labels, a.grouping(), a.without());
            List<Integer> members = groups.get(key);
            if (members == null) {
                members = new ArrayList<>();
                groups.put(key, members);
                ordered.add(members);
            }
            members.add(k);
        }
        SeriesCollector out = new SeriesCollector(r.steps());
        for (int i = 0; i < r.steps(); i++) {
            ev.limits.checkTime();
            double kf = param[i];
            if (kf > 9223372036854774784.0 || kf < -9223372036854775808.0 || Double.isNaN(kf)) {
                throw QueryException.execution("Scalar value " + io.promrelay.model.GoFloat.format(kf) + " overflows int64");
            }
            long k = (long) kf;
            if (k < 1) {
                continue;
            }
            int step = i;
            for (List<Integer> members : ordered) {
                List<StepSeries> present = new ArrayList<>();
                for (int m : members) {
                    if (series.get(m).has(i)) {
                        present.add(series.get(m));
                    }
                }
                present.sort((x, y) -> rank(x.get(step), y.get(step), top));
                for (int j = 0; j < Math.min(k, present.size()); j++) {
                    StepSeries s = present.get(j);
                    out.get(s.labels).set(i, s.get(i));
                }
            }
        }
        return out.result();
    }

    /** Orders best first: the largest for topk, the smallest for bottomk, NaN always last. */
    private static int rank(double x, double y, boolean top) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return top ? Double.compare(y, x) : Double.compare(x, y);
    }

    /** Counts the series per distinct value, the value (formatted as Go does) becoming a label. */
    private StepValue.Vectors countValues(AggregateExpr a, StepValue.Vectors in, String valueLabel, EvalRange r) {
        List<String> grouping = new ArrayList<>(a.grouping());
        if (!a.without()) {
            grouping.add(valueLabel);
        }
        SeriesCollector out = new SeriesCollector(r.steps());
        Map<Labels, Integer> counts = new HashMap<>();
        List<Labels> order = new ArrayList<>();
        for (int i = 0; i < r.steps(); i++) {
            ev.limits.checkTime();
            counts.clear();
            order.clear();
            for (StepSeries s : in.series()) {
                if (s.has(i)) {
                    Labels withValue = s.labels.toBuilder().set(valueLabel, ExprPrinter.number(s.get(i))).build();
                    Labels key = groupLabels(withValue, grouping, a.without());
                    if (counts.merge(key, 1, Integer::sum) == 1) {
                        order.add(key);
                    }
                }
            }
            for (Labels key : order) {
                out.get(key).set(i, counts.get(key));
            }
        }
        return out.result();
    }
}
