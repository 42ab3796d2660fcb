package io.promrelay.config;

import io.promrelay.model.Labels;
import java.time.Duration;

/** {@code global}: defaults for scrape configs and labels added to everything leaving the relay. */
public record GlobalConfig(Duration scrapeInterval, Duration scrapeTimeout, Labels externalLabels) {
    public static final GlobalConfig DEFAULT = new GlobalConfig(Duration.ofMinutes(1), Duration.ofSeconds(10), Labels.EMPTY);
}
