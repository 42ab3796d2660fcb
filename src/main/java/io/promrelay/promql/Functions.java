package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.promql.Expr.Call;
import io.promrelay.promql.Expr.MatrixSelector;
import io.promrelay.promql.Expr.ParenExpr;
import io.promrelay.promql.Expr.VectorSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** Evaluates function calls; each function's arithmetic lives in the class named after its kind. */
final class Functions {
    private final Evaluator ev;
    private final RangeFunctions rangeFunctions;

    Functions(Evaluator ev) {
        this.ev = ev;
        this.rangeFunctions = new RangeFunctions(ev);
    }

    StepValue call(Call c, EvalRange r) {
        String name = c.function().name();
        List<Expr> args = c.args();
        switch (name) {
            case "time":
                return new StepValue.Scalars(perStep(r, i -> r.time(i) / 1000.0));
            case "pi":
                return new StepValue.Scalars(perStep(r, i -> Math.PI));
            case "vector":
                return vector(ev.evalScalars(args.get(0), r), r);
            case "scalar":
                return scalar(args.get(0), r);
            case "timestamp":
                return timestamp(args.get(0), r);
            case "absent":
                return absent(args.get(0), r);
            case "absent_over_time":
                return rangeFunctions.absentOverTime(args.get(0), r);
            case "label_replace":
                return relabel(args.get(0), r, LabelFunctions.replace(ev.evalString(args.get(1), r),
                        ev.evalString(args.get(2), r), ev.evalString(args.get(3), r), ev.evalString(args.get(4), r)));
            case "label_join": {
                List<String> sources = new ArrayList<>();
                for (Expr a : args.subList(3, args.size())) {
                    sources.add(ev.evalString(a, r));
                }
                return relabel(args.get(0), r, LabelFunctions.join(ev.evalString(args.get(1), r),
                        ev.evalString(args.get(2), r), sources));
            }
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc":
                return sort(name, args, r);
            case "histogram_avg", "histogram_count", "histogram_fraction", "histogram_stddev", "histogram_stdvar",
                    "histogram_sum":
                // These read native histograms only and skip float samples; the buffer holds no native
                // histograms, so they answer nothing, as Prometheus does for float-only data.
                ev.release(ev.evalVectors(args.get(args.size() - 1), r));
                return new StepValue.Vectors(List.of());
            case "histogram_quantile": {
                double[] q = ev.evalScalars(args.get(0), r);
                StepValue.Vectors buckets = ev.evalVectors(args.get(1), r);
                return swap(buckets, HistogramQuantile.evaluate(q, buckets, r));
            }
            case "clamp": {
                double[] min = ev.evalScalars(args.get(1), r);
                double[] max = ev.evalScalars(args.get(2), r);
                return perSample(args.get(0), r, (i, v) -> Math.max(min[i], Math.min(max[i], v)), i -> !(max[i] < min[i]));
            }
            case "clamp_max": {
                double[] max = ev.evalScalars(args.get(1), r);
                return perSample(args.get(0), r, (i, v) -> Math.min(max[i], v), i -> true);
            }
            case "clamp_min": {
                double[] min = ev.evalScalars(args.get(1), r);
                return perSample(args.get(0), r, (i, v) -> Math.max(min[i], v), i -> true);
            }
            case "round": {
                double[] toNearest = args.size() > 1 ? ev.evalScalars(args.get(1), r) : null;
                return perSample(args.get(0), r, (i, v) -> {
                    double inverse = 1.0 / (toNearest == null ? 1 : toNearest[i]);
                    return Math.floor(v * inverse + 0.5) / inverse;
                }, i -> true);
            }
            default:
                break;
        }
        WindowFunction wf = WindowFunctions.byName(name);
        if (wf != null) {
            return rangeFunctions.evaluate(c, wf, r);
        }
        DoubleUnaryOperator calendar = ElementFunctions.calendar(name);
        if (calendar != null) {
            if (args.isEmpty()) {
                return vector(perStep(r, i -> calendar.applyAsDouble(r.time(i) / 1000.0)), r);
            }
            return perSample(args.get(0), r, (i, v) -> calendar.applyAsDouble(v), i -> true);
        }
        DoubleUnaryOperator math = ElementFunctions.math(name);
        return perSample(args.get(0), r, (i, v) -> math.applyAsDouble(v), i -> true);
    }

    private interface StepOperator {
        double apply(int step, double value);
    }

    private interface StepPredicate {
        boolean test(int step);
    }

    private interface StepScalar {
        double at(int step);
    }

    private static double[] perStep(EvalRange r, StepScalar f) {
        double[] v = new double[r.steps()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.at(i);
        }
        return v;
    }

    private StepValue vector(double[] values, EvalRange r) {
        StepSeries s = new StepSeries(Labels.EMPTY, r.steps());
        for (int i = 0; i < values.length; i++) {
            s.set(i, values[i]);
        }
        ev.limits.add(values.length);
        return new StepValue.Vectors(List.of(s));
    }

    /** Applies {@code f} to every sample at the steps where {@code when} holds, dropping the metric name. */
    private StepValue perSample(Expr arg, EvalRange r, StepOperator f, StepPredicate when) {
        StepValue.Vectors in = ev.evalVectors(arg, r);
        SeriesCollector out = new SeriesCollector(r.steps());
        for (StepSeries s : in.series()) {
            ev.limits.checkTime();
            StepSeries target = null;
            for (int i = 0; i < r.steps(); i++) {
                if (s.has(i) && when.test(i)) {
                    if (target == null) {
                        target = out.get(Evaluator.dropMetricName(s.labels));
                    }
                    target.setUnique(i, f.apply(i, s.get(i)));
                }
            }
        }
        return swap(in, out.result());
    }

    private StepValue sort(String name, List<Expr> args, EvalRange r) {
        List<String> labels = new ArrayList<>();
        for (Expr a : args.subList(1, args.size())) {
            labels.add(ev.evalString(a, r));
        }
        return new StepValue.Vectors(VectorSort.sort(name, ev.evalVectors(args.get(0), r).series(), labels));
    }

    private StepValue.Vectors swap(StepValue.Vectors consumed, StepValue.Vectors produced) {
        ev.limits.add(produced.slots());
        ev.release(consumed);
        return produced;
    }

    private StepValue scalar(Expr arg, EvalRange r) {
        StepValue.Vectors in = ev.evalVectors(arg, r);
        double[] out = new double[r.steps()];
        for (int i = 0; i < out.length; i++) {
            int found = 0;
            double value = Double.NaN;
            for (StepSeries s : in.series()) {
                if (s.has(i)) {
                    found++;
                    value = s.get(i);
                }
            }
            out[i] = found == 1 ? value : Double.NaN;
        }
        ev.release(in);
        return new StepValue.Scalars(out);
    }

    /** The sample's own timestamp when the argument is a selector, otherwise the evaluation time. */
    private StepValue timestamp(Expr arg, EvalRange r) {
        Expr inner = arg;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        StepValue.Vectors in = inner instanceof VectorSelector vs ? ev.selectVector(vs, r, true) : ev.evalVectors(arg, r);
        boolean fromSamples = inner instanceof VectorSelector;
        SeriesCollector out = new SeriesCollector(r.steps());
        for (StepSeries s : in.series()) {
            StepSeries target = out.get(Evaluator.dropMetricName(s.labels));
            for (int i = 0; i < r.steps(); i++) {
                if (s.has(i)) {
                    target.setUnique(i, fromSamples ? s.get(i) : r.time(i) / 1000.0);
                }
            }
        }
        return swap(in, out.result());
    }

    private StepValue absent(Expr arg, EvalRange r) {
        StepValue.Vectors in = ev.evalVectors(arg, r);
        StepSeries out = new StepSeries(absentLabels(arg), r.steps());
        for (int i = 0; i < r.steps(); i++) {
            boolean any = false;
            for (StepSeries s : in.series()) {
                any |= s.has(i);
            }
            if (!any) {
                out.set(i, 1);
            }
        }
        ev.release(in);
        return new StepValue.Vectors(out.count() > 0 ? List.of(out) : List.of());
    }

    /** The labels absent() reports: those fixed by one equality matcher of a selector argument. */
    static Labels absentLabels(Expr arg) {
        VectorSelector vs = arg instanceof VectorSelector v ? v : arg instanceof MatrixSelector m ? m.selector() : null;
        if (vs == null) {
            return Labels.EMPTY;
        }
        Map<String, String> fixed = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (Matcher m : vs.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.type() == Matcher.Type.EQUAL && !repeated.contains(m.name()) && fixed.putIfAbsent(m.name(), m.value()) != null) {
                fixed.remove(m.name());
                repeated.add(m.name());
            } else if (m.type() != Matcher.Type.EQUAL || repeated.contains(m.name())) {
                repeated.add(m.name());
                fixed.remove(m.name());
            }
        }
        return Labels.fromMap(fixed);
    }

    private StepValue relabel(Expr arg, EvalRange r, UnaryOperator<Labels> mapping) {
        StepValue.Vectors in = ev.evalVectors(arg, r);
        SeriesCollector out = new SeriesCollector(r.steps());
        for (StepSeries s : in.series()) {
            StepSeries target = out.get(mapping.apply(s.labels));
            for (int i = 0; i < r.steps(); i++) {
                if (s.has(i)) {
                    target.setUnique(i, s.get(i));
                }
            }
        }
        return swap(in, out.result());
    }

}
