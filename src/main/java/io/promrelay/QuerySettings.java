package io.promrelay;

import java.time.Duration;

/**
 * How the query API evaluates, set by the flags Prometheus uses for the same ({@code --query.timeout},
 * {@code --query.max-concurrency}, {@code --query.max-samples}).
 *
 * @param timeout        the longest a query may take, waiting for a worker included (Prometheus: 2m)
 * @param maxConcurrency queries evaluated at once; more are refused with 503 rather than queued. Lower than
 *                       Prometheus's 20 because the relay is a small gateway and each query may hold its samples
 *                       in memory
 * @param maxSamples     samples one query may hold in memory at once; beyond, it fails with 422 (Prometheus: 50M)
 */
public record QuerySettings(Duration timeout, int maxConcurrency, long maxSamples) {
    public static final QuerySettings DEFAULTS = new QuerySettings(Duration.ofMinutes(2), 8, 50_000_000);

    public QuerySettings {
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("--query.timeout must be at least 1ms");
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("--query.max-concurrency must be at least 1");
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("--query.max-samples must be at least 1");
        }
    }
}
