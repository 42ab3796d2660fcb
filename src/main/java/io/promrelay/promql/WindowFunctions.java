package io.promrelay.promql;

import java.util.Map;

/** The functions over range vectors, as Prometheus 2 computes them (windows closed at both ends). */
final class WindowFunctions {
    private static final Map<String, WindowFunction> BY_NAME = Map.ofEntries(
            Map.entry("rate", w -> extrapolatedRate(w, true, true)),
            Map.entry("increase", w -> extrapolatedRate(w, true, false)),
            Map.entry("delta", w -> extrapolatedRate(w, false, false)),
            Map.entry("irate", w -> instantValue(w, true)),
            Map.entry("idelta", w -> instantValue(w, false)),
            Map.entry("changes", w -> countTransitions(w, false)),
            Map.entry("resets", w -> countTransitions(w, true)),
            Map.entry("deriv", WindowFunctions::deriv),
            Map.entry("predict_linear", WindowFunctions::predictLinear),
            Map.entry("holt_winters", WindowFunctions::holtWinters),
            Map.entry("avg_over_time", WindowFunctions::avgOverTime),
            Map.entry("count_over_time", w -> set(w, w.size())),
            Map.entry("last_over_time", w -> set(w, w.v(w.size() - 1))),
            Map.entry("present_over_time", w -> set(w, 1)),
            Map.entry("max_over_time", w -> extremeOverTime(w, true)),
            Map.entry("min_over_time", w -> extremeOverTime(w, false)),
            Map.entry("sum_over_time", WindowFunctions::sumOverTime),
            Map.entry("quantile_over_time", w -> set(w, FloatMath.quantile(w.args[0], w.values(), w.size()))),
            Map.entry("stddev_over_time", w -> set(w, Math.sqrt(variance(w)))),
            Map.entry("stdvar_over_time", w -> set(w, variance(w))),
            Map.entry("mad_over_time", WindowFunctions::madOverTime));

    private WindowFunctions() {
    }

    /** The function called {@code name}, or null when it does not take a range vector. */
    static WindowFunction byName(String name) {
        return BY_NAME.get(name);
    }

    private static boolean set(Window w, double v) {
        w.result = v;
        return true;
    }

    /**
     * rate, increase and delta: the change over the window, corrected for counter resets, and
     * extrapolated towards the window's ends unless the first or last sample is too far from them
     * (more than 1.1 average intervals); a counter is never extrapolated below zero.
     */
    private static boolean extrapolatedRate(Window w, boolean isCounter, boolean isRate) {
        int n = w.size();
        if (n < 2) {
            return false;
        }
        double first = w.v(0);
        double result = w.v(n - 1) - first;
        if (isCounter) {
            double prev = first;
            for (int i = 1; i < n; i++) {
                double cur = w.v(i);
                if (cur < prev) {
                    result += prev;
                }
                prev = cur;
            }
        }
        double durationToStart = (w.t(0) - w.start) / 1000.0;
        double durationToEnd = (w.end - w.t(n - 1)) / 1000.0;
        double sampledInterval = (w.t(n - 1) - w.t(0)) / 1000.0;
        double averageInterval = sampledInterval / (n - 1);
        double threshold = averageInterval * 1.1;
        double extrapolateTo = sampledInterval;
        if (durationToStart >= threshold) {
            durationToStart = averageInterval / 2;
        }
        if (isCounter && result > 0 && first >= 0) {
            double durationToZero = sampledInterval * (first / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        extrapolateTo += durationToStart;
        if (durationToEnd >= threshold) {
            durationToEnd = averageInterval / 2;
        }
        extrapolateTo += durationToEnd;
        double factor = extrapolateTo / sampledInterval;
        if (isRate) {
            factor /= (w.end - w.start) / 1000.0;
        }
        return set(w, result * factor);
    }

    /** irate and idelta: from the last two samples only. */
    private static boolean instantValue(Window w, boolean isRate) {
        int n = w.size();
        if (n < 2) {
            return false;
        }
        double last = w.v(n - 1);
        double previous = w.v(n - 2);
        double result = isRate && last < previous ? last : last - previous;
        long interval = w.t(n - 1) - w.t(n - 2);
        if (interval == 0) {
            return false;
        }
        if (isRate) {
            result /= interval / 1000.0;
        }
        return set(w, result);
    }

    /** changes() counts values that differ from the one before (NaN equal to NaN); resets() counts decreases. */
    private static boolean countTransitions(Window w, boolean resets) {
        int count = 0;
        double prev = w.v(0);
        for (int i = 1; i < w.size(); i++) {
            double cur = w.v(i);
            boolean counted = resets ? cur < prev : cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev));
            if (counted) {
                count++;
            }
            prev = cur;
        }
        return set(w, count);
    }

    private static boolean deriv(Window w) {
        if (w.size() < 2) {
            return false;
        }
        return set(w, linearRegression(w, w.t(0))[0]);
    }

    private static boolean predictLinear(Window w) {
        if (w.size() < 2) {
            return false;
        }
        double[] fit = linearRegression(w, w.evalTime);
        return set(w, fit[0] * w.args[0] + fit[1]);
    }

    /** Least-squares slope and intercept (at {@code interceptTime}) with compensated sums. */
    private static double[] linearRegression(Window w, long interceptTime) {
        double n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        double[] cX = {0};
        double[] cY = {0};
        double[] cXY = {0};
        double[] cX2 = {0};
        double initY = w.v(0);
        boolean constY = true;
        for (int i = 0; i < w.size(); i++) {
            double y = w.v(i);
            if (constY && i > 0 && y != initY) {
                constY = false;
            }
            n += 1;
            double x = (w.t(i) - interceptTime) / 1e3;
            sumX = FloatMath.kahanSumInc(x, sumX, cX);
            sumY = FloatMath.kahanSumInc(y, sumY, cY);
            sumXY = FloatMath.kahanSumInc(x * y, sumXY, cXY);
            sumX2 = FloatMath.kahanSumInc(x * x, sumX2, cX2);
        }
        if (constY) {
            return Double.isInfinite(initY) ? new double[] {Double.NaN, Double.NaN} : new double[] {0, initY};
        }
        sumX += cX[0];
        sumY += cY[0];
        sumXY += cXY[0];
        sumX2 += cX2[0];
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        return new double[] {slope, sumY / n - slope * sumX / n};
    }

    /** Double exponential smoothing with smoothing factor args[0] and trend factor args[1]. */
    private static boolean holtWinters(Window w) {
        double sf = w.args[0];
        double tf = w.args[1];
        if (sf <= 0 || sf >= 1) {
            throw QueryException.execution(String.format("invalid smoothing factor. Expected: 0 < sf < 1, got: %f", sf));
        }
        if (tf <= 0 || tf >= 1) {
            throw QueryException.execution(String.format("invalid trend factor. Expected: 0 < tf < 1, got: %f", tf));
        }
        int n = w.size();
        if (n < 2) {
            return false;
        }
        double s0 = 0;
        double s1 = w.v(0);
        double b = w.v(1) - w.v(0);
        for (int i = 1; i < n; i++) {
            double x = sf * w.v(i);
            if (i > 1) {
                b = tf * (s1 - s0) + (1 - tf) * b;
            }
            double y = (1 - sf) * (s1 + b);
            s0 = s1;
            s1 = x + y;
        }
        return set(w, s1);
    }

    /** An incremental mean, so that large values do not overflow a sum; infinities kept as they are. */
    private static boolean avgOverTime(Window w) {
        double mean = 0;
        double count = 0;
        double[] c = {0};
        for (int i = 0; i < w.size(); i++) {
            double f = w.v(i);
            count++;
            if (Double.isInfinite(mean)) {
                if (Double.isInfinite(f) && (mean > 0) == (f > 0)) {
                    continue;
                }
                if (!Double.isInfinite(f) && !Double.isNaN(f)) {
                    continue;
                }
            }
            mean = FloatMath.kahanSumInc(f / count - mean / count, mean, c);
        }
        return set(w, Double.isInfinite(mean) ? mean : mean + c[0]);
    }

    /** The largest (or smallest) value; a NaN is replaced by any later value. */
    private static boolean extremeOverTime(Window w, boolean max) {
        double best = w.v(0);
        for (int i = 0; i < w.size(); i++) {
            double f = w.v(i);
            if ((max ? f > best : f < best) || Double.isNaN(best)) {
                best = f;
            }
        }
        return set(w, best);
    }

    private static boolean sumOverTime(Window w) {
        double sum = 0;
        double[] c = {0};
        for (int i = 0; i < w.size(); i++) {
            sum = FloatMath.kahanSumInc(w.v(i), sum, c);
        }
        return set(w, Double.isInfinite(sum) ? sum : sum + c[0]);
    }

    /** The population variance by Welford's method with compensated sums. */
    private static double variance(Window w) {
        double count = 0;
        double mean = 0;
        double aux = 0;
        double[] cMean = {0};
        double[] cAux = {0};
        for (int i = 0; i < w.size(); i++) {
            double f = w.v(i);
            count++;
            double delta = f - (mean + cMean[0]);
            mean = FloatMath.kahanSumInc(delta / count, mean, cMean);
            aux = FloatMath.kahanSumInc(delta * (f - (mean + cMean[0])), aux, cAux);
        }
        return (aux + cAux[0]) / count;
    }

    /** The median absolute deviation from the median. */
    private static boolean madOverTime(Window w) {
        double[] values = w.values();
        double median = FloatMath.quantile(0.5, values.clone(), values.length);
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.abs(values[i] - median);
        }
        return set(w, FloatMath.quantile(0.5, values, values.length));
    }
}
