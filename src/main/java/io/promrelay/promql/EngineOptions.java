package io.promrelay.promql;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and defaults of the engine, Prometheus's defaults in {@link #defaults()}.
 *
 * @param lookbackDelta        how far back an instant selector looks for a sample (5m)
 * @param timeout              the longest a query may run (2m)
 * @param maxSamples           the most samples a query may hold in memory at once (50,000,000)
 * @param maxPointsPerSeries   the most steps of a range query (11,000)
 * @param defaultSubqueryStep  the step of a subquery written without one, {@code x[5m:]} (1m, the
 *                             default evaluation interval)
 */
public record EngineOptions(Duration lookbackDelta, Duration timeout, long maxSamples, int maxPointsPerSeries,
                            Duration defaultSubqueryStep) {
    public EngineOptions {
        Objects.requireNonNull(lookbackDelta, "lookbackDelta");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(defaultSubqueryStep, "defaultSubqueryStep");
        if (lookbackDelta.toMillis() <= 0 || timeout.toMillis() <= 0 || defaultSubqueryStep.toMillis() <= 0) {
            throw new IllegalArgumentException("lookbackDelta, timeout and defaultSubqueryStep must be at least 1ms");
        }
        if (maxSamples <= 0 || maxPointsPerSeries <= 0) {
            throw new IllegalArgumentException("maxSamples and maxPointsPerSeries must be positive");
        }
    }

    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofMinutes(5), Duration.ofMinutes(2), 50_000_000, 11_000, Duration.ofMinutes(1));
    }

    public EngineOptions withMaxSamples(long max) {
        return new EngineOptions(lookbackDelta, timeout, max, maxPointsPerSeries, defaultSubqueryStep);
    }

    public EngineOptions withTimeout(Duration t) {
        return new EngineOptions(lookbackDelta, t, maxSamples, maxPointsPerSeries, defaultSubqueryStep);
    }
}
