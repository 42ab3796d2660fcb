package io.promrelay.model;

/** Metric family types of the text format and OpenMetrics. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, GAUGEHISTOGRAM, SUMMARY, INFO, STATESET, UNKNOWN;

    /** The lower-case word used on TYPE lines ("untyped" is the text format's name for unknown). */
    public String word() {
        return this == UNKNOWN ? "unknown" : name().toLowerCase(java.util.Locale.ROOT);
    }
}
