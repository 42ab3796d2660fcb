package io.promrelay.scrape;

/**
 * Why a scrape failed, worded for /api/v1/targets' lastError; carries no stack trace. When the body
 * was read before the scrape failed, {@link #partial()} holds what was counted up to then, which
 * Prometheus still reports in scrape_samples_scraped and friends.
 */
final class ScrapeFailure extends Exception {
    private final IngestResult partial;

    ScrapeFailure(String message) {
        this(message, IngestResult.EMPTY);
    }

    ScrapeFailure(String message, IngestResult partial) {
        super(message, null, false, false);
        this.partial = partial;
    }

    IngestResult partial() {
        return partial;
    }
}
