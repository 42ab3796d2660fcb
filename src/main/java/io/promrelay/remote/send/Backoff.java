package io.promrelay.remote.send;

import java.util.OptionalLong;

/**
 * Waits between retries of one request: {@code min_backoff}, doubled after each failure up to
 * {@code max_backoff}. A server's {@code Retry-After} replaces the computed wait for that retry, as in
 * Prometheus, so a receiver that asks for a longer pause gets it.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private long current;

    Backoff(long minMillis, long maxMillis) {
        this.minMillis = minMillis;
        this.maxMillis = maxMillis;
        this.current = minMillis;
    }

    /** The wait before the next attempt. */
    long next(OptionalLong retryAfterMillis) {
        long wait = retryAfterMillis.isPresent() ? retryAfterMillis.getAsLong() : current;
        current = Math.min(maxMillis, Math.max(minMillis, Math.max(1, current) * 2));
        return wait;
    }
}
