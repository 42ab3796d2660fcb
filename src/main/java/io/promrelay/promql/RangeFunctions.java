package io.promrelay.promql;

import io.promrelay.promql.Expr.Call;
import java.util.ArrayList;
import java.util.List;

/** Evaluates functions of range vectors by sliding each series' window over the steps. */
final class RangeFunctions {
    private final Evaluator ev;

    RangeFunctions(Evaluator ev) {
        this.ev = ev;
    }

    /** A function over a range vector: the function applied to each series' window at each step. */
    StepValue evaluate(Call c, WindowFunction f, EvalRange r) {
        int matrixArg = c.function().argTypes().indexOf(ValueType.MATRIX);
        List<double[]> scalarArgs = new ArrayList<>();
        for (int k = 0; k < c.args().size(); k++) {
            if (k != matrixArg) {
                scalarArgs.add(ev.evalScalars(c.args().get(k), r));
            }
        }
        Windows windows = ev.windows(c.args().get(matrixArg), r);
        boolean keepName = c.function().name().equals("last_over_time");
        SeriesCollector out = new SeriesCollector(r.steps());
        Window w = new Window(scalarArgs.size());
        for (RawSeries s : windows.series()) {
            ev.limits.checkTime();
            StepSeries target = null;
            w.series = s;
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < r.steps(); i++) {
                long end = windows.ends()[i];
                long start = end - windows.rangeMillis();
                lo = s.firstAtOrAfter(start, lo);
                hi = Math.max(hi, lo);
                while (hi < s.size && s.t[hi] <= end) {
                    hi++;
                }
                if (hi == lo) {
                    continue;
                }
                w.lo = lo;
                w.hi = hi;
                w.start = start;
                w.end = end;
                w.evalTime = r.time(i);
                for (int k = 0; k < scalarArgs.size(); k++) {
                    w.args[k] = scalarArgs.get(k)[i];
                }
                if (f.apply(w)) {
                    if (target == null) {
                        target = out.get(keepName ? s.labels : Evaluator.dropMetricName(s.labels));
                    }
                    target.setUnique(i, w.result);
                }
            }
        }
        StepValue.Vectors result = out.result();
        ev.limits.add(result.slots());
        ev.limits.release(windows.points());
        return result;
    }

    /** 1 at the steps where no series has a sample in its window; labels as absent() gives them. */
    StepValue absentOverTime(Expr arg, EvalRange r) {
        Windows w = ev.windows(arg, r);
        StepSeries out = new StepSeries(Functions.absentLabels(arg), r.steps());
        int[] lo = new int[w.series().size()];
        for (int i = 0; i < r.steps(); i++) {
            long end = w.ends()[i];
            boolean any = false;
            for (int k = 0; k < lo.length; k++) {
                RawSeries s = w.series().get(k);
                lo[k] = s.firstAtOrAfter(end - w.rangeMillis(), lo[k]);
                any |= lo[k] < s.size && s.t[lo[k]] <= end;
            }
            if (!any) {
                out.set(i, 1);
            }
        }
        ev.limits.release(w.points());
        return new StepValue.Vectors(out.count() > 0 ? List.of(out) : List.of());
    }
}
