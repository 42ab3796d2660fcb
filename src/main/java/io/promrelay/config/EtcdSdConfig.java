package io.promrelay.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code etcd_sd_configs} (promrelay's own mechanism): the SkyDNS records under {@code prefix} in etcd, read
 * through etcd's v3 JSON gateway at the first reachable endpoint; {@code refreshInterval} is how often the whole
 * prefix is listed again besides the watch.
 */
public record EtcdSdConfig(List<String> endpoints, String prefix, TlsConfig tls, Duration refreshInterval)
        implements DiscoveryConfig {
    public static final String KEY = "etcd_sd_configs";

    public EtcdSdConfig {
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public String key() {
        return KEY;
    }
}
