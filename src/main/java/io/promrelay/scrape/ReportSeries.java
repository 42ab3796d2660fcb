package io.promrelay.scrape;

import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import io.promrelay.storage.Appender;
import io.promrelay.storage.StorageException;

/**
 * The series Prometheus adds for every scrape of a target: up, scrape_duration_seconds,
 * scrape_samples_scraped, scrape_samples_post_metric_relabeling and scrape_series_added. They carry
 * the target's labels and bypass metric relabeling.
 */
final class ReportSeries {
    private static final String[] NAMES = {
        "up", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added",
    };

    private final Labels[] labels = new Labels[NAMES.length];
    private final long[] refs = new long[NAMES.length];

    ReportSeries(Labels targetLabels) {
        for (int i = 0; i < NAMES.length; i++) {
            labels[i] = targetLabels.toBuilder().set(Labels.METRIC_NAME, NAMES[i]).build();
        }
    }

    void append(Appender app, long t, boolean up, double durationSeconds, IngestResult r) {
        double[] values = {up ? 1 : 0, durationSeconds, r.samplesScraped(), r.samplesPostRelabel(), r.seriesAdded()};
        for (int i = 0; i < NAMES.length; i++) {
            put(app, i, t, values[i]);
        }
    }

    void appendStale(Appender app, long t) {
        for (int i = 0; i < NAMES.length; i++) {
            put(app, i, t, StaleNaN.VALUE);
        }
    }

    /** A refused report sample (series cap, clock going backwards) is already counted by the buffer. */
    private void put(Appender app, int i, long t, double v) {
        try {
            refs[i] = app.append(refs[i], labels[i], t, v);
        } catch (StorageException refusedAndCounted) {
            return;
        }
    }
}
