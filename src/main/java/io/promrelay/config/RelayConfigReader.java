package io.promrelay.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code promrelay} section, promrelay's own settings. */
final class RelayConfigReader {
    // host:port with an optional host (":9090" listens on all interfaces) and IPv6 hosts in brackets.
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[^\\]]+\\]|[^:\\[\\]/\\s]*):([0-9]{1,5})");

    private RelayConfigReader() {
    }

    static RelayConfig read(YamlValue value) throws ConfigException {
        YamlMapping m = value.mapping(Section.RELAY);
        RelayConfig d = RelayConfig.DEFAULT;
        String listen = m.string("listen_address", d.listenAddress());
        Matcher hostPort = HOST_PORT.matcher(listen);
        if (!hostPort.matches() || Integer.parseInt(hostPort.group(2)) > 65535) {
            throw m.whereOf("listen_address").error(
                    "\"" + listen + "\" is not a valid listen address: expected host:port such as 0.0.0.0:9090");
        }
        Duration retention = m.duration("retention");
        if (retention != null && retention.isZero()) {
            throw m.whereOf("retention").error("retention must be positive");
        }
        long maxSeries = m.has("max_active_series") ? m.nonNegativeLong("max_active_series") : d.maxActiveSeries();
        if (maxSeries == 0) {
            throw m.whereOf("max_active_series").error("max_active_series must be positive");
        }
        long concurrency = m.has("max_scrape_concurrency")
                ? m.nonNegativeLong("max_scrape_concurrency") : d.maxScrapeConcurrency();
        if (concurrency == 0 || concurrency > Integer.MAX_VALUE) {
            throw m.whereOf("max_scrape_concurrency").error(
                    "max_scrape_concurrency must be between 1 and " + Integer.MAX_VALUE);
        }
        long maxBufferBytes = d.maxBufferBytes();
        YamlValue bufferBytes = m.get("max_buffer_bytes");
        if (bufferBytes != null) {
            maxBufferBytes = bufferBytes.byteSize();
            if (maxBufferBytes <= 0) {
                throw bufferBytes.error("max_buffer_bytes must be positive");
            }
        }
        return new RelayConfig(listen, retention == null ? d.retention() : retention, maxSeries, (int) concurrency,
                maxBufferBytes);
    }
}
