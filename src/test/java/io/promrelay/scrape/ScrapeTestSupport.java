package io.promrelay.scrape;

import io.promrelay.config.HttpClientConfig;
import io.promrelay.config.RelabelConfig;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builders for the scrape package's tests. */
final class ScrapeTestSupport {
    private ScrapeTestSupport() {
    }

    static Head head() {
        return new Head(new HeadOptions(Duration.ofHours(2), 1_000_000, () -> 10_000));
    }

    static ScrapeConfig config(boolean honorLabels, boolean honorTimestamps, long sampleLimit, long labelLimit) {
        return config(honorLabels, honorTimestamps, sampleLimit, labelLimit, List.of(), Map.of());
    }

    static ScrapeConfig config(boolean honorLabels, boolean honorTimestamps, long sampleLimit, long labelLimit,
                               List<RelabelConfig> relabel, Map<String, List<String>> params) {
        return config(honorLabels, honorTimestamps, sampleLimit, labelLimit, relabel, params, Duration.ofSeconds(10));
    }

    /** A job with Prometheus's defaults and {@code scrapeTimeout}. */
    static ScrapeConfig config(Duration scrapeTimeout) {
        return config(false, true, 0, 0, List.of(), Map.of(), scrapeTimeout);
    }

    private static ScrapeConfig config(boolean honorLabels, boolean honorTimestamps, long sampleLimit, long labelLimit,
                                       List<RelabelConfig> relabel, Map<String, List<String>> params,
                                       Duration scrapeTimeout) {
        return new ScrapeConfig("node", Duration.ofSeconds(15), scrapeTimeout, "/metrics", "http", params,
                honorLabels, honorTimestamps, List.of(), List.of(), List.of(), relabel, List.of(), sampleLimit, labelLimit, 0, 0, 0,
                HttpClientConfig.DEFAULT);
    }

    static SampleIngester ingester(Head head, Labels target, boolean honorLabels, List<RelabelConfig> metricRelabel) {
        return ingester(head, config(honorLabels, true, 0, 0), target, metricRelabel);
    }

    static SampleIngester ingester(Head head, ScrapeConfig config, Labels target, List<RelabelConfig> metricRelabel) {
        return new SampleIngester(config, target, Relabeler.compile(metricRelabel), head.metadata());
    }
}
