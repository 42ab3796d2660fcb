package io.promrelay.config;

import java.time.Duration;

/**
 * The {@code promrelay} section, promrelay's own settings that Prometheus has no key for.
 *
 * @param listenAddress   host:port of the HTTP server
 * @param retention       how long samples stay in the buffer
 * @param maxActiveSeries new series beyond this many are rejected and counted
 * @param maxScrapeConcurrency scrapes whose bodies are parsed at the same time, at most
 */
public record RelayConfig(String listenAddress, Duration retention, long maxActiveSeries, int maxScrapeConcurrency) {
    public static final RelayConfig DEFAULT = new RelayConfig("0.0.0.0:9090", Duration.ofHours(2), 2_000_000, 4);
}
