package io.promrelay.scrape;

/**
 * Told about every scrape, so self-metrics can be kept outside this package (the metrics package
 * sits later in the data path and implements this).
 */
public interface ScrapeObserver {
    ScrapeObserver NONE = new ScrapeObserver() {
        @Override
        public void scraped(ScrapeTarget target, boolean up, double durationSeconds, IngestResult result) {
        }

        @Override
        public void skipped(ScrapeTarget target) {
        }
    };

    /** A scrape finished; for a failed one, {@code result} holds what was counted before it failed. */
    void scraped(ScrapeTarget target, boolean up, double durationSeconds, IngestResult result);

    /** A scrape was due while the previous one of the same target was still being processed. */
    void skipped(ScrapeTarget target);
}
