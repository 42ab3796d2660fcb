package io.promrelay.promql;

import java.util.Arrays;

/** Float arithmetic exactly as Prometheus does it in Go, where Java's library differs or lacks it. */
final class FloatMath {
    private FloatMath() {
    }

    /** Neumaier's compensated summation step: returns the new sum and updates {@code c[0]}, the compensation. */
    static double kahanSumInc(double inc, double sum, double[] c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            c[0] = 0;
        } else if (Math.abs(sum) >= Math.abs(inc)) {
            c[0] += (sum - t) + inc;
        } else {
            c[0] += (inc - t) + sum;
        }
        return t;
    }

    /**
     * Equal within a relative {@code epsilon}, NaN equal to NaN, as Prometheus compares floats in its
     * tests and when it evens out histogram buckets.
     */
    static boolean almostEqual(double a, double b, double epsilon) {
        if (Double.isNaN(a) && Double.isNaN(b)) {
            return true;
        }
        if (a == b) {
            return true;
        }
        double absSum = Math.abs(a) + Math.abs(b);
        double diff = Math.abs(a - b);
        if (a == 0 || b == 0 || absSum < Double.MIN_NORMAL) {
            return diff < epsilon * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < epsilon;
    }

    /** Go's math.Pow: unlike Java's, (-1)^±Inf is 1. */
    static double pow(double x, double y) {
        if (Math.abs(x) == 1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }

    /** Go's math.Log2, exact for powers of two. */
    static double log2(double x) {
        if (x > 0 && !Double.isInfinite(x)) {
            int exp = Math.getExponent(x);
            if (exp >= Double.MIN_EXPONENT && x == Math.scalb(1.0, exp)) {
                return exp;
            }
        }
        return Math.log(x) / Math.log(2);
    }

    /**
     * The q-quantile of {@code values[0..n)} by linear interpolation between the closest ranks, as
     * Prometheus's quantile() does; sorts the array in place, NaNs first.
     */
    static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values, n);
        double rank = q * (n - 1);
        double lower = Math.max(0, Math.floor(rank));
        double upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[(int) lower] * (1 - weight) + values[(int) upper] * weight;
    }

    /** Sorts ascending with NaN before every number, Prometheus's order for values. */
    static void sortNaNFirst(double[] values, int n) {
        Arrays.sort(values, 0, n);
        int nans = 0;
        while (nans < n && Double.isNaN(values[n - 1 - nans])) {
            nans++;
        }
        if (nans > 0) {
            System.arraycopy(values, 0, values, nans, n - nans);
            Arrays.fill(values, 0, nans, Double.NaN);
        }
    }

    /** Go's strconv.ParseFloat: accepts inf/infinity/nan in any case and a sign; nothing Java-specific like "1d". */
    static double parseGoFloat(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        double sign = s.startsWith("-") ? -1 : 1;
        if (t.equalsIgnoreCase("inf") || t.equalsIgnoreCase("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (t.isEmpty() || !t.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.' || ch == 'e' || ch == 'E'
                || ch == '+' || ch == '-' || ch == 'x' || ch == 'X' || ch == 'p' || ch == 'P' || ch == '_'
                || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) {
            throw new NumberFormatException("invalid float: " + s);
        }
        return Double.parseDouble(s.replace("_", ""));
    }
}
