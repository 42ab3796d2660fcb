package io.promrelay.promql;

import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The quantile of a classic histogram from its cumulative buckets, interpolating linearly within
 * the bucket the rank falls into, as Prometheus's bucketQuantile does.
 */
final class HistogramQuantile {
    /** Bucket counts closer than this (relatively) are treated as equal, hiding float noise. */
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    private HistogramQuantile() {
    }

    /** Groups buckets by their labels without {@code le}; the result drops the name and {@code le}. */
    static StepValue.Vectors evaluate(double[] q, StepValue.Vectors in, EvalRange r) {
        Map<Labels, List<StepSeries>> groups = new HashMap<>();
        List<Labels> order = new ArrayList<>();
        Map<StepSeries, Double> bound = new HashMap<>();
        for (StepSeries s : in.series()) {
            String le = s.labels.get("le");
            if (le == null) {
                continue;
            }
            double upper;
            try {
                upper = FloatMath.parseGoFloat(le);
            } catch (NumberFormatException malformed) {
                continue;
            }
            Labels key = s.labels.toBuilder().delete("le").build();
            groups.computeIfAbsent(key, k -> {
                order.add(k);
                return new ArrayList<>();
            }).add(s);
            bound.put(s, upper);
        }
        SeriesCollector out = new SeriesCollector(r.steps());
        for (Labels key : order) {
            List<StepSeries> buckets = groups.get(key);
            double[] bounds = new double[buckets.size()];
            double[] counts = new double[buckets.size()];
            StepSeries target = out.get(Evaluator.dropMetricName(key));
            for (int i = 0; i < r.steps(); i++) {
                int n = 0;
                for (StepSeries b : buckets) {
                    if (b.has(i)) {
                        bounds[n] = bound.get(b);
                        counts[n] = b.get(i);
                        n++;
                    }
                }
                if (n > 0) {
                    target.setUnique(i, HistogramQuantile.quantile(q[i], bounds, counts, n));
                }
            }
        }
        return out.result();
    }

    /** {@code bounds} and {@code counts} of {@code n} buckets, in any order; both arrays are reordered. */
    static double quantile(double q, double[] bounds, double[] counts, int n) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(bounds[a], bounds[b]));
        double[] ub = new double[n];
        double[] cnt = new double[n];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (m > 0 && ub[m - 1] == bounds[i]) {
                cnt[m - 1] += counts[i];
            } else {
                ub[m] = bounds[i];
                cnt[m] = counts[i];
                m++;
            }
        }
        if (m == 0 || ub[m - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        ensureMonotonic(cnt, m);
        if (m < 2) {
            return Double.NaN;
        }
        double observations = cnt[m - 1];
        if (observations == 0) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < m - 1 && cnt[b] < rank) {
            b++;
        }
        if (b == m - 1) {
            return ub[m - 2];
        }
        if (b == 0 && ub[0] <= 0) {
            return ub[0];
        }
        double bucketStart = 0;
        double bucketEnd = ub[b];
        double count = cnt[b];
        if (b > 0) {
            bucketStart = ub[b - 1];
            count -= cnt[b - 1];
            rank -= cnt[b - 1];
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    /** Counts must not decrease with the bound; tiny differences are float noise and are evened out. */
    private static void ensureMonotonic(double[] cnt, int m) {
        double prev = cnt[0];
        for (int i = 1; i < m; i++) {
            double cur = cnt[i];
            if (cur == prev) {
                continue;
            }
            if (FloatMath.almostEqual(prev, cur, SMALL_DELTA_TOLERANCE) || cur < prev) {
                cnt[i] = prev;
                continue;
            }
            prev = cur;
        }
    }
}
