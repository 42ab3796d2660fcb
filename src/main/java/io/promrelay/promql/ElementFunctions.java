package io.promrelay.promql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Functions applied to each sample of an instant vector on its own: the math functions and the
 * calendar functions, which read a value as Unix seconds in UTC.
 */
final class ElementFunctions {
    private static final Map<String, DoubleUnaryOperator> MATH = Map.ofEntries(
            Map.entry("abs", Math::abs),
            Map.entry("ceil", Math::ceil),
            Map.entry("floor", Math::floor),
            Map.entry("exp", Math::exp),
            Map.entry("sqrt", Math::sqrt),
            Map.entry("ln", Math::log),
            Map.entry("log2", FloatMath::log2),
            Map.entry("log10", Math::log10),
            Map.entry("sgn", v -> v < 0 ? -1 : v > 0 ? 1 : v),
            Map.entry("acos", Math::acos),
            Map.entry("asin", Math::asin),
            Map.entry("atan", Math::atan),
            Map.entry("cos", Math::cos),
            Map.entry("sin", Math::sin),
            Map.entry("tan", Math::tan),
            Map.entry("cosh", Math::cosh),
            Map.entry("sinh", Math::sinh),
            Map.entry("tanh", Math::tanh),
            Map.entry("asinh", ElementFunctions::asinh),
            Map.entry("acosh", v -> v < 1 ? Double.NaN : Math.log(v + Math.sqrt(v * v - 1))),
            Map.entry("atanh", ElementFunctions::atanh),
            Map.entry("deg", v -> v * 180 / Math.PI),
            Map.entry("rad", v -> v * Math.PI / 180));

    private static final Map<String, DoubleUnaryOperator> CALENDAR = Map.of(
            "day_of_month", v -> date(v).getDayOfMonth(),
            "day_of_week", v -> date(v).getDayOfWeek().getValue() % 7,
            "day_of_year", v -> date(v).getDayOfYear(),
            "days_in_month", v -> date(v).toLocalDate().lengthOfMonth(),
            "hour", v -> date(v).getHour(),
            "minute", v -> date(v).getMinute(),
            "month", v -> date(v).getMonthValue(),
            "year", v -> date(v).getYear());

    private ElementFunctions() {
    }

    static DoubleUnaryOperator math(String name) {
        return MATH.get(name);
    }

    static DoubleUnaryOperator calendar(String name) {
        return CALENDAR.get(name);
    }

    /** Whole seconds toward zero, as Go's int64 conversion before time.Unix. */
    private static ZonedDateTime date(double seconds) {
        return Instant.ofEpochSecond((long) seconds).atZone(ZoneOffset.UTC);
    }

    private static double asinh(double x) {
        if (x == 0 || Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r = Math.log(a + Math.sqrt(a * a + 1));
        return x < 0 ? -r : r;
    }

    private static double atanh(double x) {
        if (x < -1 || x > 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == -1) {
            return Double.NEGATIVE_INFINITY;
        }
        return 0.5 * Math.log1p(2 * x / (1 - x));
    }
}
