package io.promrelay.config;

/**
 * The settings of one service-discovery mechanism beyond static_configs and file_sd_configs
 * (kubernetes_sd_configs, dns_sd_configs, ...). Each mechanism's record implements this, so a scrape
 * config holds them in one list and the discovery package maps each to its provider.
 */
public interface DiscoveryConfig {
    /** The config key the entry came from, e.g. "dns_sd_configs", for messages. */
    String key();
}
