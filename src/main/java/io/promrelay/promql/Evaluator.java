package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import io.promrelay.promql.Expr.AggregateExpr;
import io.promrelay.promql.Expr.At;
import io.promrelay.promql.Expr.BinaryExpr;
import io.promrelay.promql.Expr.Call;
import io.promrelay.promql.Expr.MatrixSelector;
import io.promrelay.promql.Expr.NumberLiteral;
import io.promrelay.promql.Expr.ParenExpr;
import io.promrelay.promql.Expr.StringLiteral;
import io.promrelay.promql.Expr.SubqueryExpr;
import io.promrelay.promql.Expr.UnaryExpr;
import io.promrelay.promql.Expr.VectorSelector;
import io.promrelay.storage.Querier;
import io.promrelay.storage.Sample;
import io.promrelay.storage.SampleIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates one query. Every expression is evaluated for all steps of its range at once, so a
 * selector reads each series once per query and a range function slides its window over samples
 * read once. Not thread-safe; one instance per query.
 */
final class Evaluator {
    final QueryLimits limits;
    private final Querier querier;
    private final EngineOptions options;
    private final long lookback;
    private final long queryStart;
    private final long queryEnd;
    private final Functions functions = new Functions(this);
    private final Aggregator aggregator = new Aggregator(this);
    private final BinaryOperators binary = new BinaryOperators(this);

    Evaluator(Querier querier, EngineOptions options, long queryStart, long queryEnd) {
        this.querier = querier;
        this.options = options;
        this.limits = new QueryLimits(options);
        this.lookback = options.lookbackDelta().toMillis();
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
    }

    StepValue eval(Expr e, EvalRange r) {
        limits.checkTime();
        if (e instanceof NumberLiteral n) {
            double[] v = new double[r.steps()];
            Arrays.fill(v, n.value());
            return new StepValue.Scalars(v);
        }
        if (e instanceof StringLiteral s) {
            return new StepValue.Text(s.value());
        }
        if (e instanceof ParenExpr p) {
            return eval(p.expr(), r);
        }
        if (e instanceof UnaryExpr u) {
            return unary(u, r);
        }
        if (e instanceof VectorSelector vs) {
            return selectVector(vs, r, false);
        }
        if (e instanceof Call c) {
            return functions.call(c, r);
        }
        if (e instanceof AggregateExpr a) {
            return aggregator.aggregate(a, r);
        }
        if (e instanceof BinaryExpr b) {
            return binary.evaluate(b, r);
        }
        throw new IllegalStateException("a " + e.type().displayName() + " cannot be evaluated per step: " + e);
    }

    StepValue.Vectors evalVectors(Expr e, EvalRange r) {
        return (StepValue.Vectors) eval(e, r);
    }

    double[] evalScalars(Expr e, EvalRange r) {
        return ((StepValue.Scalars) eval(e, r)).values();
    }

    String evalString(Expr e, EvalRange r) {
        return ((StepValue.Text) eval(e, r)).value();
    }

    /** Gives back an intermediate result's samples to the budget once its consumer is done with it. */
    void release(StepValue.Vectors v) {
        limits.release(v.slots());
    }

    private StepValue unary(UnaryExpr u, EvalRange r) {
        StepValue v = eval(u.expr(), r);
        if (!u.negate()) {
            return v;
        }
        if (v instanceof StepValue.Scalars s) {
            double[] out = s.values().clone();
            for (int i = 0; i < out.length; i++) {
                out[i] = -out[i];
            }
            return new StepValue.Scalars(out);
        }
        List<StepSeries> out = new ArrayList<>();
        Set<Labels> seen = new HashSet<>();
        for (StepSeries s : ((StepValue.Vectors) v).series()) {
            StepSeries negated = new StepSeries(dropMetricName(s.labels), r.steps());
            if (!seen.add(negated.labels)) {
                throw QueryException.execution("vector cannot contain metrics with the same labelset");
            }
            for (int i = 0; i < r.steps(); i++) {
                if (s.has(i)) {
                    negated.set(i, -s.get(i));
                }
            }
            out.add(negated);
        }
        return new StepValue.Vectors(out);
    }

    /** The time a selector or subquery reads at for the step at {@code t}: its @ time or t, minus its offset. */
    long referenceTime(At at, long offsetMillis, long t) {
        long base = at == null ? t : switch (at.kind()) {
            case START -> queryStart;
            case END -> queryEnd;
            case TIMESTAMP -> at.timestampMillis();
        };
        return base - offsetMillis;
    }

    /**
     * The newest sample within the lookback of each step, a stale marker ending the series; with
     * {@code timestamps} the sample's timestamp in seconds instead of its value, for timestamp().
     */
    StepValue.Vectors selectVector(VectorSelector vs, EvalRange r, boolean timestamps) {
        int steps = r.steps();
        long first = referenceTime(vs.at(), vs.offsetMillis(), r.start());
        long last = referenceTime(vs.at(), vs.offsetMillis(), r.end());
        List<StepSeries> out = new ArrayList<>();
        Sample latest = new Sample();
        for (long ref : querier.select(vs.matchers())) {
            limits.checkTime();
            Labels labels = querier.labels(ref);
            if (labels == null) {
                continue;
            }
            StepSeries s = new StepSeries(labels, steps);
            if (steps == 1 || first == last) {
                if (querier.latest(ref, first - lookback, first, latest) && !StaleNaN.is(latest.value)) {
                    double v = timestamps ? latest.timestamp / 1000.0 : latest.value;
                    for (int i = 0; i < steps; i++) {
                        s.set(i, v);
                    }
                }
            } else {
                fillSteps(querier.samples(ref, first - lookback, last), vs, r, timestamps, s);
            }
            if (s.count() > 0) {
                limits.add(s.slots());
                out.add(s);
            }
        }
        return new StepValue.Vectors(out);
    }

    private void fillSteps(SampleIterator it, VectorSelector vs, EvalRange r, boolean timestamps, StepSeries s) {
        boolean pending = it.next();
        boolean haveLast = false;
        long lastT = 0;
        double lastV = 0;
        for (int i = 0; i < r.steps(); i++) {
            long ref = referenceTime(vs.at(), vs.offsetMillis(), r.time(i));
            while (pending && it.timestamp() <= ref) {
                lastT = it.timestamp();
                lastV = it.value();
                haveLast = true;
                pending = it.next();
            }
            if (haveLast && lastT >= ref - lookback && !StaleNaN.is(lastV)) {
                s.set(i, timestamps ? lastT / 1000.0 : lastV);
            }
        }
    }

    /**
     * The samples a range function's windows cover over all steps: of a range selector (stale markers
     * dropped; read one series at a time, as Prometheus does, so only one is held at once) or of a
     * subquery, with the window end of each step.
     */
    Windows windows(Expr e, EvalRange r) {
        if (e instanceof ParenExpr p) {
            return windows(p.expr(), r);
        }
        long[] ends = new long[r.steps()];
        if (e instanceof MatrixSelector ms) {
            VectorSelector vs = ms.selector();
            for (int i = 0; i < ends.length; i++) {
                ends[i] = referenceTime(vs.at(), vs.offsetMillis(), r.time(i));
            }
            long from = ends[0] - ms.rangeMillis();
            long to = ends[ends.length - 1];
            return new Windows(action -> {
                for (long ref : querier.select(vs.matchers())) {
                    RawSeries s = loadRange(ref, from, to);
                    if (s != null) {
                        limits.add(s.size);
                        action.accept(s);
                        limits.release(s.size);
                    }
                }
            }, ms.rangeMillis(), ends);
        }
        SubqueryExpr sq = (SubqueryExpr) e;
        for (int i = 0; i < ends.length; i++) {
            ends[i] = referenceTime(sq.at(), sq.offsetMillis(), r.time(i));
        }
        List<RawSeries> series = subquery(sq, ends[0] - sq.rangeMillis(), ends[ends.length - 1]);
        return new Windows(action -> {
            for (RawSeries s : series) {
                action.accept(s);
                limits.release(s.size);
            }
        }, sq.rangeMillis(), ends);
    }

    /** A series' samples within [from, to] without stale markers, or null when the series is gone. */
    private RawSeries loadRange(long ref, long from, long to) {
        limits.checkTime();
        Labels labels = querier.labels(ref);
        if (labels == null) {
            return null;
        }
        RawSeries s = new RawSeries(labels, 16);
        SampleIterator it = querier.samples(ref, from, to);
        while (it.next()) {
            if (!StaleNaN.is(it.value())) {
                s.add(it.timestamp(), it.value());
            }
        }
        return s;
    }

    /**
     * A subquery's inner expression at every multiple of its step within [from, to], as Prometheus
     * aligns subquery steps to absolute time so that results do not shift with the query's start.
     */
    private List<RawSeries> subquery(SubqueryExpr sq, long from, long to) {
        long step = sq.stepMillis() == 0 ? options.defaultSubqueryStep().toMillis() : sq.stepMillis();
        long start = Math.floorDiv(from, step) * step;
        if (start < from) {
            start += step;
        }
        List<RawSeries> out = new ArrayList<>();
        if (start > to) {
            return out;
        }
        EvalRange inner = new EvalRange(start, to, step);
        StepValue.Vectors v = evalVectors(sq.expr(), inner);
        for (StepSeries s : v.series()) {
            RawSeries raw = new RawSeries(s.labels, s.count());
            for (int i = 0; i < inner.steps(); i++) {
                if (s.has(i)) {
                    raw.add(inner.time(i), s.get(i));
                }
            }
            limits.add(raw.size);
            out.add(raw);
        }
        release(v);
        return out;
    }

    static Labels dropMetricName(Labels labels) {
        return labels.has(Labels.METRIC_NAME) ? labels.toBuilder().delete(Labels.METRIC_NAME).build() : labels;
    }
}
