package io.promrelay.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.scrape.IngestResult;
import io.promrelay.scrape.ScrapeTarget;
import io.promrelay.storage.Appender;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.storage.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayMetricsTest {
    @Test
    void exposesEveryBufferAndScrapeMetricUnderItsPrometheusName() throws Exception {
        Head head = new Head(new HeadOptions(Duration.ofHours(2), 1, () -> 1000));
        Appender app = head.appender();
        app.append(0, Labels.of("__name__", "a"), 1000, 1);
        try {
            app.append(0, Labels.of("__name__", "b"), 1000, 1);
        } catch (StorageException expected) {
            // the cap of one series refuses the second, which the rejected counter must show
        }
        app.commit();
        RelayMetrics metrics = new RelayMetrics(head);
        ScrapeTarget target = new ScrapeTarget("node", Labels.EMPTY, Labels.of("job", "node"), "http://x:1/metrics");
        metrics.scraped(target, true, 0.25, new IngestResult(3, 2, 1, Map.of(StorageException.Kind.OUT_OF_ORDER, 4)));
        metrics.scraped(target, false, 0.5, IngestResult.EMPTY);
        metrics.skipped(target);
        String text = metrics.scrape();
        for (String line : List.of(
                "promrelay_buffer_active_series 1",
                "promrelay_buffer_series_added_total 1",
                "promrelay_buffer_series_removed_total 0",
                "promrelay_buffer_samples_appended_total 1",
                "promrelay_buffer_samples_rejected_total{reason=\"series_limit\"} 1",
                "promrelay_scrapes_total{job=\"node\",result=\"success\"} 1",
                "promrelay_scrapes_total{job=\"node\",result=\"failure\"} 1",
                "promrelay_scrapes_skipped_total{job=\"node\"} 1",
                "promrelay_scrape_samples_rejected_total{job=\"node\",reason=\"out_of_order\"} 4",
                "promrelay_scrape_duration_seconds_count{job=\"node\"} 2")) {
            assertTrue(text.lines().anyMatch(l -> l.startsWith(line)), "missing " + line + " in\n" + text);
        }
    }
}
