package io.promrelay.promql;

import io.promrelay.model.Labels;
import io.promrelay.storage.Appender;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a test script against a real {@link Head} and the {@link Engine}, checking each eval as
 * Prometheus's test framework does: values equal within a relative 1e-6, NaN equals NaN, and an
 * instant eval is also run as a range query around its time, which must agree.
 */
final class TestScriptRunner {
    /** The outcome of one eval: null failure when it passed. */
    record Outcome(TestScript.Eval eval, String failure) {
        boolean passed() {
            return failure == null;
        }
    }

    private static final double EPSILON = 1e-6;
    /** Far beyond any sample time in the scripts, so that the head's retention never drops one. */
    private static final long CLOCK_MILLIS = 1000L * 365 * 24 * 3600 * 1000;

    private final Engine engine = new Engine(EngineOptions.defaults().withTimeout(Duration.ofMinutes(1)));
    private Head head = newHead();

    static List<Outcome> run(String source, String script) {
        TestScriptRunner runner = new TestScriptRunner();
        List<Outcome> outcomes = new ArrayList<>();
        for (TestScript.Command c : TestScript.parse(source, script)) {
            if (c instanceof TestScript.Clear) {
                runner.head = newHead();
            } else if (c instanceof TestScript.Load load) {
                runner.load(load);
            } else {
                TestScript.Eval eval = (TestScript.Eval) c;
                outcomes.add(new Outcome(eval, runner.check(eval)));
            }
        }
        return outcomes;
    }

    static Head newHead() {
        return new Head(new HeadOptions(Duration.ofDays(365L * 2000), 10_000_000, () -> CLOCK_MILLIS));
    }

    private void load(TestScript.Load load) {
        load(head, load);
    }

    /** Appends a load command's samples, the i-th value at i times the interval. */
    static void load(Head head, TestScript.Load load) {
        Appender app = head.appender();
        for (TestScript.SeriesLine s : load.series()) {
            for (int i = 0; i < s.values().size(); i++) {
                Double v = s.values().get(i);
                if (v == null) {
                    continue;
                }
                try {
                    app.append(0, s.labels(), i * load.intervalMillis(), v);
                } catch (StorageException e) {
                    throw new IllegalStateException("cannot load " + s.labels() + " at " + i * load.intervalMillis() + ": " + e.getMessage(), e);
                }
            }
        }
        app.commit();
    }

    private String check(TestScript.Eval eval) {
        try {
            if (eval.instant()) {
                QueryResult result = engine.instantQuery(head.querier(), eval.expr(), eval.start());
                if (eval.fail()) {
                    return "expected an error, got " + result;
                }
                String failure = compareInstant(eval, result);
                return failure != null ? failure : compareRangeMode(eval, result);
            }
            QueryResult.Matrix result = engine.rangeQuery(head.querier(), eval.expr(), eval.start(), eval.end(), eval.step());
            if (eval.fail()) {
                return "expected an error, got " + result;
            }
            return compareMatrix(eval, result);
        } catch (ParseException | QueryException e) {
            return eval.fail() ? null : "unexpected error: " + e.getMessage();
        } catch (RuntimeException e) {
            return "crashed: " + e;
        }
    }

    private static String compareInstant(TestScript.Eval eval, QueryResult result) {
        if (result instanceof QueryResult.Scalar s) {
            if (eval.expected().size() != 1 || eval.expected().get(0).labels() != null) {
                return "expected " + eval.expected().size() + " samples, got the scalar " + s.value();
            }
            double want = eval.expected().get(0).values().get(0);
            return almostEqual(want, s.value()) ? null : "expected scalar " + want + ", got " + s.value();
        }
        if (result instanceof QueryResult.Vector v) {
            return compareSamples(eval, v.samples());
        }
        return "unexpected " + result.type().displayName() + " result: " + result;
    }

    private static String compareSamples(TestScript.Eval eval, List<QueryResult.Sample> got) {
        Map<Labels, Integer> wantIndex = new HashMap<>();
        for (int i = 0; i < eval.expected().size(); i++) {
            TestScript.Expected e = eval.expected().get(i);
            if (e.labels() == null) {
                return "expected a scalar, got a vector of " + got.size() + " samples";
            }
            wantIndex.put(e.labels(), i);
        }
        for (int pos = 0; pos < got.size(); pos++) {
            QueryResult.Sample s = got.get(pos);
            Integer i = wantIndex.get(s.labels());
            if (i == null) {
                return "unexpected metric " + s.labels() + " in result (value " + s.value() + ")";
            }
            double want = eval.expected().get(i).values().get(0);
            if (eval.ordered() && i != pos) {
                return "expected " + s.labels() + " at position " + i + ", got it at " + pos;
            }
            if (!almostEqual(want, s.value())) {
                return "expected " + want + " for " + s.labels() + ", got " + s.value();
            }
        }
        if (got.size() != eval.expected().size()) {
            return "expected " + eval.expected().size() + " samples, got " + got.size() + ": " + got;
        }
        return null;
    }

    /** The instant query's answer must be what a range query from t-1m to t+1m says at t. */
    private String compareRangeMode(TestScript.Eval eval, QueryResult instant) {
        if (eval.ordered() || (instant.type() != ValueType.VECTOR && instant.type() != ValueType.SCALAR)) {
            return null;
        }
        QueryResult atT;
        try {
            atT = rangeModeAt(engine, head, eval.expr(), eval.start());
        } catch (ParseException | QueryException e) {
            return "range mode: unexpected error: " + e.getMessage();
        }
        String failure = compareInstant(eval, atT);
        return failure == null ? null : "range mode: " + failure;
    }

    /** The answer at {@code t} of a range query from t-1m to t+1m, as a scalar or a vector. */
    static QueryResult rangeModeAt(Engine engine, Head head, String query, long t) {
        Expr expr = Engine.parse(query);
        QueryResult.Matrix m = engine.rangeQuery(head.querier(), expr, t - 60_000, t + 60_000, 60_000);
        List<QueryResult.Sample> atT = new ArrayList<>();
        for (QueryResult.Series s : m.series()) {
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] == t) {
                    atT.add(new QueryResult.Sample(s.labels(), t, s.values()[i]));
                }
            }
        }
        if (expr.type() == ValueType.SCALAR) {
            return new QueryResult.Scalar(t, atT.isEmpty() ? Double.NaN : atT.get(0).value());
        }
        return new QueryResult.Vector(atT);
    }

    private static String compareMatrix(TestScript.Eval eval, QueryResult.Matrix m) {
        Map<Labels, TestScript.Expected> want = new HashMap<>();
        for (TestScript.Expected e : eval.expected()) {
            want.put(e.labels() == null ? Labels.EMPTY : e.labels(), e);
        }
        for (QueryResult.Series s : m.series()) {
            TestScript.Expected e = want.remove(s.labels());
            if (e == null) {
                return "unexpected series " + s.labels() + " in result";
            }
            List<Double> values = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < e.values().size(); i++) {
                if (e.values().get(i) != null) {
                    values.add(e.values().get(i));
                    times.add(eval.start() + i * eval.step());
                }
            }
            if (values.size() != s.size()) {
                return "expected " + values.size() + " points for " + s.labels() + ", got " + s.size();
            }
            for (int i = 0; i < s.size(); i++) {
                if (s.timestamps()[i] != times.get(i) || !almostEqual(values.get(i), s.values()[i])) {
                    return "for " + s.labels() + " expected " + values.get(i) + "@" + times.get(i) + ", got "
                            + s.values()[i] + "@" + s.timestamps()[i];
                }
            }
        }
        return want.isEmpty() ? null : "missing series " + want.keySet();
    }

    private static boolean almostEqual(double a, double b) {
        return FloatMath.almostEqual(a, b, EPSILON);
    }
}
