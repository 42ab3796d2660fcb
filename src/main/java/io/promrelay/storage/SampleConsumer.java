package io.promrelay.storage;

/** Receives samples one by one, oldest first; called under a series' lock, so it must not block. */
@FunctionalInterface
public interface SampleConsumer {
    void accept(long timestampMillis, double value);
}
