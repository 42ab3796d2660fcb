package io.promrelay.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Settings of the buffer.
 *
 * @param retention       how long samples and idle series are kept
 * @param maxActiveSeries the most series the buffer holds at once; new series beyond it are refused
 * @param maxBytes        the most bytes the buffer may take by its own estimate; see {@link Head} for what
 *                        happens near it
 * @param maintenance     runs the eviction that appends trigger near {@code maxBytes}, so that it happens off
 *                        the appending thread
 * @param clockMillis     the wall clock in Unix milliseconds (tests pass their own)
 */
public record HeadOptions(Duration retention, long maxActiveSeries, long maxBytes, Executor maintenance,
                          LongSupplier clockMillis) {
    public HeadOptions {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(clockMillis, "clockMillis");
        if (retention.toMillis() <= 0) {
            throw new IllegalArgumentException("retention must be at least 1ms, got " + retention);
        }
        if (maxActiveSeries <= 0) {
            throw new IllegalArgumentException("maxActiveSeries must be positive, got " + maxActiveSeries);
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
    }

    /** A buffer without a byte cap. */
    public HeadOptions(Duration retention, long maxActiveSeries, LongSupplier clockMillis) {
        this(retention, maxActiveSeries, Long.MAX_VALUE, Runnable::run, clockMillis);
    }

    public static HeadOptions of(Duration retention, long maxActiveSeries) {
        return new HeadOptions(retention, maxActiveSeries, System::currentTimeMillis);
    }

    /** These options with a byte cap whose eviction runs on {@code maintenance}. */
    public HeadOptions withMaxBytes(long bytes, Executor maintenance) {
        return new HeadOptions(retention, maxActiveSeries, bytes, maintenance, clockMillis);
    }
}
