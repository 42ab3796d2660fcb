package io.promrelay.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of the buffer.
 *
 * @param retention       how long samples and idle series are kept
 * @param maxActiveSeries the most series the buffer holds at once; new series beyond it are refused
 * @param clockMillis     the wall clock in Unix milliseconds (tests pass their own)
 */
public record HeadOptions(Duration retention, long maxActiveSeries, LongSupplier clockMillis) {
    public HeadOptions {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(clockMillis, "clockMillis");
        if (retention.toMillis() <= 0) {
            throw new IllegalArgumentException("retention must be at least 1ms, got " + retention);
        }
        if (maxActiveSeries <= 0) {
            throw new IllegalArgumentException("maxActiveSeries must be positive, got " + maxActiveSeries);
        }
    }

    public static HeadOptions of(Duration retention, long maxActiveSeries) {
        return new HeadOptions(retention, maxActiveSeries, System::currentTimeMillis);
    }
}
