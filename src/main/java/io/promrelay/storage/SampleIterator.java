package io.promrelay.storage;

/** Walks one series' samples in time order. */
public interface SampleIterator {
    /** Moves to the next sample; false at the end. */
    boolean next();

    long timestamp();

    double value();
}
