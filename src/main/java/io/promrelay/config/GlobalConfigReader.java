package io.promrelay.config;

import io.promrelay.model.Labels;
import java.time.Duration;

/** Reads {@code global}, deriving unset values as Prometheus's GlobalConfig.UnmarshalYAML does. */
final class GlobalConfigReader {
    private GlobalConfigReader() {
    }

    static GlobalConfig read(YamlValue value) throws ConfigException {
        YamlMapping m = value.mapping(Section.GLOBAL);
        YamlValue external = m.get("external_labels");
        Labels labels = external == null ? Labels.EMPTY : external.labels();
        // Zero means unset in Prometheus, so "0s" falls back to the default too.
        Duration interval = orDefault(m.duration("scrape_interval"), GlobalConfig.DEFAULT.scrapeInterval());
        Duration timeout = m.duration("scrape_timeout");
        if (timeout != null && timeout.compareTo(interval) > 0) {
            throw m.whereOf("scrape_timeout").error("global scrape timeout greater than scrape interval");
        }
        if (timeout == null || timeout.isZero()) {
            Duration defaultTimeout = GlobalConfig.DEFAULT.scrapeTimeout();
            timeout = defaultTimeout.compareTo(interval) > 0 ? interval : defaultTimeout;
        }
        return new GlobalConfig(interval, timeout, labels);
    }

    static Duration orDefault(Duration value, Duration fallback) {
        return value == null || value.isZero() ? fallback : value;
    }
}
