package io.promrelay.promql;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PromQL function's signature. {@code variadic} is 0 for a fixed argument list, n &gt; 0 when the
 * last n arguments may be left out, and -1 when the last argument may repeat any number of times
 * (or be left out).
 */
public record Function(String name, List<ValueType> argTypes, int variadic, ValueType returnType) {
    private static final ValueType S = ValueType.SCALAR;
    private static final ValueType V = ValueType.VECTOR;
    private static final ValueType M = ValueType.MATRIX;
    private static final ValueType STR = ValueType.STRING;
    private static final Map<String, Function> BY_NAME = new HashMap<>();

    static {
        for (String name : List.of("abs", "ceil", "exp", "floor", "ln", "log2", "log10", "sgn", "sqrt",
                "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh",
                "deg", "rad", "absent", "sort", "sort_desc", "timestamp",
                "histogram_avg", "histogram_count", "histogram_stddev", "histogram_stdvar", "histogram_sum")) {
            define(name, 0, V, V);
        }
        for (String name : List.of("day_of_month", "day_of_week", "day_of_year", "days_in_month",
                "hour", "minute", "month", "year")) {
            define(name, 1, V, V);
        }
        for (String name : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta",
                "deriv", "idelta", "increase", "irate", "last_over_time", "mad_over_time", "max_over_time",
                "min_over_time", "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time",
                "sum_over_time")) {
            define(name, 0, V, M);
        }
        define("clamp", 0, V, V, S, S);
        define("clamp_max", 0, V, V, S);
        define("clamp_min", 0, V, V, S);
        define("histogram_fraction", 0, V, S, S, V);
        define("histogram_quantile", 0, V, S, V);
        define("holt_winters", 0, V, M, S, S);
        define("label_replace", 0, V, V, STR, STR, STR, STR);
        define("label_join", -1, V, V, STR, STR, STR);
        define("pi", 0, S);
        define("predict_linear", 0, V, M, S);
        define("quantile_over_time", 0, V, S, M);
        define("round", 1, V, V, S);
        define("scalar", 0, S, V);
        define("sort_by_label", -1, V, V, STR);
        define("sort_by_label_desc", -1, V, V, STR);
        define("time", 0, S);
        define("vector", 0, V, S);
    }

    public Function {
        argTypes = List.copyOf(argTypes);
    }

    private static void define(String name, int variadic, ValueType returns, ValueType... args) {
        BY_NAME.put(name, new Function(name, List.of(args), variadic, returns));
    }

    /** The function called {@code name} (case-sensitive, as in Prometheus), or null. */
    public static Function byName(String name) {
        return BY_NAME.get(name);
    }

    /** The expected type of argument {@code i}, repeating the last one for variadic functions. */
    ValueType argType(int i) {
        return argTypes.get(Math.min(i, argTypes.size() - 1));
    }
}
