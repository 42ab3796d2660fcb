package io.promrelay.scrape;

/**
 * Why a scrape failed, worded for /api/v1/targets' lastError; carries no stack trace. {@link #evidence()} keeps
 * what the failure is classified from. When the body was read before the scrape failed, {@link #partial()}
 * holds what was counted up to then, which Prometheus still reports in scrape_samples_scraped and friends.
 */
final class ScrapeFailure extends Exception {
    private final FailureEvidence evidence;
    private final IngestResult partial;

    ScrapeFailure(String message, FailureEvidence evidence) {
        this(message, evidence, IngestResult.EMPTY);
    }

    ScrapeFailure(String message, FailureEvidence evidence, IngestResult partial) {
        super(message, evidence instanceof FailureEvidence.Thrown t ? t.error() : null, false, false);
        this.evidence = evidence;
        this.partial = partial;
    }

    FailureEvidence evidence() {
        return evidence;
    }

    IngestResult partial() {
        return partial;
    }
}
