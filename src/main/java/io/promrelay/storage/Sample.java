package io.promrelay.storage;

/** A mutable (timestamp, value) holder, so reads of the newest sample allocate nothing. */
public final class Sample {
    public long timestamp;
    public double value;
}
