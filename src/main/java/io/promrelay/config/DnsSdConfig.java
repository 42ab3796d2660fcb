package io.promrelay.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code dns_sd_configs}: names looked up every refresh interval with one record type; {@code port} is the
 * target port for every type but SRV, whose records carry their own.
 */
public record DnsSdConfig(List<String> names, RecordType type, int port, Duration refreshInterval)
        implements DiscoveryConfig {
    public static final String KEY = "dns_sd_configs";

    /** The record types Prometheus's DNS discovery queries. */
    public enum RecordType { SRV, A, AAAA, MX, NS }

    public DnsSdConfig {
        names = List.copyOf(names);
    }

    @Override
    public String key() {
        return KEY;
    }
}
