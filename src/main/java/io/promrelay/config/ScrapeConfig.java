package io.promrelay.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code scrape_configs} entry with globals and Prometheus's defaults applied. Limits of 0 mean
 * no limit, as in Prometheus.
 */
public record ScrapeConfig(String jobName, Duration scrapeInterval, Duration scrapeTimeout, String metricsPath,
                           String scheme, Map<String, List<String>> params, boolean honorLabels,
                           boolean honorTimestamps, List<StaticConfig> staticConfigs,
                           List<FileSdConfig> fileSdConfigs, List<DiscoveryConfig> discoveryConfigs,
                           List<RelabelConfig> relabelConfigs,
                           List<RelabelConfig> metricRelabelConfigs, long sampleLimit, long labelLimit,
                           long labelNameLengthLimit, long labelValueLengthLimit, long bodySizeLimit,
                           HttpClientConfig httpClient) {
}
