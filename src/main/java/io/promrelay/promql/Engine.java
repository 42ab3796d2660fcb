package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.promql.Expr.MatrixSelector;
import io.promrelay.promql.Expr.ParenExpr;
import io.promrelay.promql.Expr.SubqueryExpr;
import io.promrelay.promql.QueryException.ErrorType;
import io.promrelay.storage.Querier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The PromQL engine: evaluates instant and range queries over a {@link Querier} with Prometheus
 * 2.x semantics (5-minute lookback, staleness markers, extrapolated rates, closed range windows).
 *
 * <p>Queries run synchronously on the calling thread and may take up to the configured timeout
 * reading the buffer, so they must never run on an event loop: the HTTP API hands them to a worker
 * pool (Vert.x {@code executeBlocking} or a dedicated executor). Interrupting the thread cancels
 * the query. One engine serves any number of threads at once.
 *
 * <p>Errors: {@link ParseException} for invalid PromQL (bad_data); {@link QueryException} with an
 * {@link QueryException.ErrorType} for everything else (bad_data, execution, timeout, canceled).
 */
public final class Engine {
    private final EngineOptions options;

    public Engine(EngineOptions options) {
        this.options = options;
    }

    public EngineOptions options() {
        return options;
    }

    /** Parses a query; the expression's {@code toString()} is its canonical form. */
    public static Expr parse(String query) {
        return Parser.parse(query);
    }

    /** Evaluates {@code query} at one instant; any result type. */
    public QueryResult instantQuery(Querier querier, String query, long timeMillis) {
        return instantQuery(querier, parse(query), timeMillis);
    }

    public QueryResult instantQuery(Querier querier, Expr expr, long timeMillis) {
        Evaluator ev = new Evaluator(querier, options, timeMillis, timeMillis);
        EvalRange range = new EvalRange(timeMillis, timeMillis, 1);
        if (expr.type() == ValueType.MATRIX) {
            return matrixAt(ev, expr, range);
        }
        StepValue v = ev.eval(expr, range);
        if (v instanceof StepValue.Scalars s) {
            return new QueryResult.Scalar(timeMillis, s.values()[0]);
        }
        if (v instanceof StepValue.Text t) {
            return new QueryResult.Str(timeMillis, t.value());
        }
        List<QueryResult.Sample> samples = new ArrayList<>();
        for (StepSeries s : ((StepValue.Vectors) v).series()) {
            if (s.has(0)) {
                samples.add(new QueryResult.Sample(s.labels, timeMillis, s.get(0)));
            }
        }
        return new QueryResult.Vector(samples);
    }

    /**
     * Evaluates {@code query} at start, start + step, ... up to end (all in milliseconds); the
     * expression must be a scalar or an instant vector. The result is a matrix sorted by labels.
     */
    public QueryResult.Matrix rangeQuery(Querier querier, String query, long startMillis, long endMillis, long stepMillis) {
        return rangeQuery(querier, parse(query), startMillis, endMillis, stepMillis);
    }

    public QueryResult.Matrix rangeQuery(Querier querier, Expr expr, long startMillis, long endMillis, long stepMillis) {
        if (stepMillis <= 0) {
            throw new QueryException(ErrorType.BAD_DATA, "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMillis < startMillis) {
            throw new QueryException(ErrorType.BAD_DATA, "end timestamp must not be before start time");
        }
        if ((endMillis - startMillis) / stepMillis > options.maxPointsPerSeries()) {
            throw new QueryException(ErrorType.BAD_DATA, "exceeded maximum resolution of "
                    + String.format("%,d", options.maxPointsPerSeries())
                    + " points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
            throw new QueryException(ErrorType.BAD_DATA, "invalid expression type \"" + expr.type().displayName()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        Evaluator ev = new Evaluator(querier, options, startMillis, endMillis);
        EvalRange range = new EvalRange(startMillis, endMillis, stepMillis);
        StepValue v = ev.eval(expr, range);
        List<QueryResult.Series> out = new ArrayList<>();
        if (v instanceof StepValue.Scalars s) {
            long[] ts = new long[range.steps()];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = range.time(i);
            }
            out.add(new QueryResult.Series(Labels.EMPTY, ts, s.values().clone()));
            return new QueryResult.Matrix(out);
        }
        for (StepSeries s : ((StepValue.Vectors) v).series()) {
            long[] ts = new long[s.count()];
            double[] vs = new double[s.count()];
            int n = 0;
            for (int i = 0; i < range.steps(); i++) {
                if (s.has(i)) {
                    ts[n] = range.time(i);
                    vs[n++] = s.get(i);
                }
            }
            out.add(new QueryResult.Series(s.labels, ts, vs));
        }
        out.sort(Comparator.comparing(QueryResult.Series::labels));
        return new QueryResult.Matrix(out);
    }

    /** A range selector or subquery at one instant: the samples in its window. */
    private static QueryResult matrixAt(Evaluator ev, Expr expr, EvalRange range) {
        Expr inner = expr;
        while (inner instanceof ParenExpr p) {
            inner = p.expr();
        }
        if (!(inner instanceof MatrixSelector) && !(inner instanceof SubqueryExpr)) {
            throw new IllegalStateException("not a range vector: " + expr);
        }
        Windows w = ev.windows(inner, range);
        List<QueryResult.Series> out = new ArrayList<>();
        w.forEachSeries(s -> w.slide(s, (step, lo, hi, start, end) -> {
            ev.limits.add(hi - lo);
            out.add(new QueryResult.Series(s.labels, Arrays.copyOfRange(s.t, lo, hi), Arrays.copyOfRange(s.v, lo, hi)));
        }));
        return new QueryResult.Matrix(out);
    }
}
