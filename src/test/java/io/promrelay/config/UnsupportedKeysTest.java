package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Keys Prometheus has but promrelay does not honour fail with their line instead of being ignored. */
class UnsupportedKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"rule_files", "alerting", "remote_read", "storage", "tracing"})
    void topLevelPrometheusKeys(String key) {
        assertError("global: {}\n" + key + ": {}\n", 2, "", "key \"" + key + "\" is not supported by promrelay");
    }

    @Test
    void remoteWritePrometheusKeys() {
        assertError("remote_write:\n  - url: http://x\n    sigv4: {}\n", 3, "remote_write[0]",
                "key \"sigv4\" is not supported by promrelay");
        assertError("remote_write:\n  - url: http://x\n    queue_config: {sample_age_limit: 1m}\n", 3,
                "remote_write[0].queue_config", "key \"sample_age_limit\" is not supported by promrelay");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evaluation_interval", "query_log_file"})
    void globalPrometheusKeys(String key) {
        assertError("global:\n  " + key + ": 1m\n", 2, "global", "key \"" + key + "\" is not supported by promrelay");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kubernetes_sd_configs", "consul_sd_configs", "oauth2", "enable_http2",
            "scrape_classic_histograms", "target_limit", "http_sd_configs", "no_proxy"})
    void scrapeConfigPrometheusKeys(String key) {
        assertError("scrape_configs:\n  - job_name: a\n    " + key + ": x\n", 3, "scrape_configs[0]",
                "key \"" + key + "\" is not supported by promrelay");
    }

    @Test
    void tlsAndBasicAuthPrometheusKeys() {
        assertError("scrape_configs:\n  - job_name: a\n    tls_config:\n      max_version: TLS13\n", 4,
                "scrape_configs[0].tls_config", "key \"max_version\" is not supported by promrelay");
        assertError("scrape_configs:\n  - job_name: a\n    basic_auth:\n      username_file: u\n", 4,
                "scrape_configs[0].basic_auth", "key \"username_file\" is not supported by promrelay");
    }

    @Test
    void keysNoPrometheusVersionHasAreUnknown() {
        assertError("promrelay:\n  listen: 1.2.3.4:9090\n", 2, "promrelay", "unknown key \"listen\"");
        assertError("scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: drop\n        regexp: x\n",
                5, "scrape_configs[0].relabel_configs[0]", "unknown key \"regexp\"");
    }
}
