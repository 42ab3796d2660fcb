package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ConfigRendererTest {

    @Test
    void rendersTheEffectiveConfigInPrometheusForm() throws ConfigException {
        Config config = parse("""
                global:
                  scrape_interval: 90s
                  external_labels: {cluster: c1}
                scrape_configs:
                  - job_name: node
                    body_size_limit: 1536KB
                    bearer_token_file: /run/token
                    tls_config: {server_name: node.svc}
                    static_configs:
                      - targets: ['a:9100']
                        labels: {env: prod}
                    metric_relabel_configs:
                      - source_labels: [__name__]
                        regex: 'go_.*'
                        action: drop
                """);
        assertEquals("""
                global:
                  scrape_interval: 1m30s
                  scrape_timeout: 10s
                  external_labels:
                    cluster: c1
                promrelay:
                  listen_address: 0.0.0.0:9090
                  retention: 2h
                  max_active_series: 2000000
                  max_scrape_concurrency: 4
                  max_buffer_bytes: %s
                scrape_configs:
                - job_name: node
                  honor_timestamps: true
                  scrape_interval: 1m30s
                  scrape_timeout: 10s
                  metrics_path: /metrics
                  scheme: http
                  body_size_limit: 1MiB512KiB
                  authorization:
                    type: Bearer
                    credentials_file: /run/token
                  tls_config:
                    server_name: node.svc
                    insecure_skip_verify: false
                  follow_redirects: true
                  static_configs:
                  - targets:
                    - a:9100
                    labels:
                      env: prod
                  metric_relabel_configs:
                  - source_labels:
                    - __name__
                    separator: ;
                    regex: go_.*
                    replacement: $1
                    action: drop
                """.formatted(ByteSize.format(RelayConfig.DEFAULT.maxBufferBytes())), ConfigRenderer.toYaml(config));
    }

    @Test
    void renderedConfigLoadsBackToTheSameConfig() throws ConfigException {
        Config config = parse("""
                global: {scrape_interval: 20s, external_labels: {a: b}}
                promrelay: {retention: 3h, max_active_series: 10, max_buffer_bytes: 64MiB}
                scrape_configs:
                  - job_name: j
                    params: {module: [x, y]}
                    honor_labels: true
                    sample_limit: 5
                    label_limit: 6
                    label_name_length_limit: 7
                    label_value_length_limit: 8
                    basic_auth: {username: u, password_file: /p}
                    proxy_url: http://proxy:3128
                    file_sd_configs: [{files: [/t/*.json], refresh_interval: 30s}]
                    relabel_configs:
                      - {source_labels: [a], modulus: 3, target_label: h, action: hashmod}
                """);
        assertEquals(config, ConfigLoader.parse(ConfigRenderer.toYaml(config), ConfigAssertions.FILE));
    }
}
