package io.promrelay.scrape;

/** A failed scrape's kind and what to change to fix it; {@code hint} is empty when there is no advice. */
public record Diagnosis(FailureKind kind, String hint) {
    public static final Diagnosis NONE = new Diagnosis(FailureKind.NONE, "");
    static final Diagnosis UNKNOWN = new Diagnosis(FailureKind.UNKNOWN, "");
}
