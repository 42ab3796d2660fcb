package io.promrelay.scrape;

import io.promrelay.model.Labels;

/**
 * One target of a scrape job: the labels it was discovered with, the labels its samples get, the
 * URL it is scraped at, and the outcome of its last scrape. The outcome is written by the target's
 * loop and read by the API, so it is one immutable snapshot swapped atomically.
 */
public final class ScrapeTarget {
    /** The outcome of the most recent scrape; a failed one carries its diagnosis, others {@link Diagnosis#NONE}. */
    public record LastScrape(TargetHealth health, String error, Diagnosis diagnosis, long startMillis,
                             double durationSeconds) {
        static final LastScrape NEVER = new LastScrape(TargetHealth.UNKNOWN, "", Diagnosis.NONE, 0, 0);
    }

    private final String job;
    private final Labels discoveredLabels;
    private final Labels labels;
    private final String url;
    private volatile LastScrape last = LastScrape.NEVER;

    public ScrapeTarget(String job, Labels discoveredLabels, Labels labels, String url) {
        this.job = job;
        this.discoveredLabels = discoveredLabels;
        this.labels = labels;
        this.url = url;
    }

    public String job() {
        return job;
    }

    /** Labels before relabeling, including {@code __meta_*} and {@code __address__}. */
    public Labels discoveredLabels() {
        return discoveredLabels;
    }

    /** Labels every sample of this target carries (job, instance and the rest after relabeling). */
    public Labels labels() {
        return labels;
    }

    public String url() {
        return url;
    }

    public LastScrape lastScrape() {
        return last;
    }

    void report(LastScrape outcome) {
        last = outcome;
    }

    /** Two targets are the same when they produce the same labels from the same URL. */
    String identity() {
        return labels + "\u0000" + url;
    }
}
