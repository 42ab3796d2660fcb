package io.promrelay.storage;

import io.promrelay.model.Labels;

/**
 * Appends the samples of one scrape (or one remote-write request) as a unit: nothing is visible to
 * readers before {@link #commit()}, and {@link #rollback()} leaves no sample behind. Not thread-safe;
 * one appender per writer at a time.
 */
public interface Appender {
    /**
     * Appends one sample.
     *
     * @param ref    the series reference returned by an earlier append, or 0 when unknown; a reference
     *               whose series has since been removed falls back to {@code labels}
     * @param labels the series' labels; only read when {@code ref} is 0 or no longer valid
     * @return the series' reference, stable for as long as the series lives in the buffer
     * @throws StorageException when the sample is rejected (out of order, duplicate, series cap);
     *                          other samples of the same appender are unaffected
     */
    long append(long ref, Labels labels, long timestampMillis, double value) throws StorageException;

    void commit();

    void rollback();
}
