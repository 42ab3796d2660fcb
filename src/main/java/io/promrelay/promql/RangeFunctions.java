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
        windows.forEachSeries(s -> {
            ev.limits.checkTime();
            w.series = s;
            StepSeries target = out.get(keepName ? s.labels : Evaluator.dropMetricName(s.labels));
            windows.slide(s, (i, lo, hi, start, end) -> {
                w.lo = lo;
                w.hi = hi;
                w.start = start;
                w.end = end;
                w.evalTime = r.time(i);
                for (int k = 0; k < scalarArgs.size(); k++) {
                    w.args[k] = scalarArgs.get(k)[i];
                }
                if (f.apply(w)) {
                    target.setUnique(i, w.result);
                }
            });
        });
        StepValue.Vectors result = out.result();
        ev.limits.add(result.slots());
        return result;
    }

    /** 1 at the steps where no series has a sample in its window; labels as absent() gives them. */
    StepValue absentOverTime(Expr arg, EvalRange r) {
        Windows windows = ev.windows(arg, r);
        boolean[] present = new boolean[r.steps()];
        windows.forEachSeries(s -> windows.slide(s, (i, lo, hi, start, end) -> present[i] = true));
        StepSeries out = new StepSeries(Functions.absentLabels(arg), r.steps());
        for (int i = 0; i < present.length; i++) {
            if (!present[i]) {
                out.set(i, 1);
            }
        }
        return new StepValue.Vectors(out.count() > 0 ? List.of(out) : List.of());
    }
}
