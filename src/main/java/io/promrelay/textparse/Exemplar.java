package io.promrelay.textparse;

import io.promrelay.model.Labels;

/** A mutable holder the parser fills with an OpenMetrics exemplar. */
public final class Exemplar {
    public Labels labels = Labels.EMPTY;
    public double value;
    public boolean hasTimestamp;
    public long timestampMillis;
}
