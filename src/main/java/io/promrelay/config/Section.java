package io.promrelay.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys one config mapping may hold, and the keys Prometheus knows there that promrelay refuses with a
 * reason, so that a Prometheus config pasted in fails loudly instead of being half applied.
 */
record Section(Set<String> supported, Map<String, String> refused) {
    private static final String NOT_SUPPORTED = "is not supported by promrelay";

    static final Section TOP = new Section(Set.of("global", "promrelay", "scrape_configs", "remote_write"),
            refuse("rule_files", "alerting", "remote_read", "storage", "tracing", "scrape_config_files", "otlp",
                    "runtime"));

    static final Section GLOBAL = new Section(Set.of("scrape_interval", "scrape_timeout", "external_labels"),
            refuse("evaluation_interval", "rule_query_offset", "query_log_file", "scrape_failure_log_file",
                    "body_size_limit", "sample_limit", "target_limit", "label_limit", "label_name_length_limit",
                    "label_value_length_limit", "keep_dropped_targets", "scrape_protocols",
                    "metric_name_validation_scheme", "metric_name_escaping_scheme",
                    "always_scrape_classic_histograms", "convert_classic_histograms_to_nhcb"));

    static final Section RELAY = new Section(
            Set.of("listen_address", "retention", "max_active_series", "max_scrape_concurrency", "max_buffer_bytes"),
            Map.of());

    static final Section SCRAPE = new Section(Set.of("job_name", "scrape_interval", "scrape_timeout", "metrics_path",
            "scheme", "params", "honor_labels", "honor_timestamps", "static_configs", "file_sd_configs",
            "dns_sd_configs", "etcd_sd_configs", KubernetesSdConfig.KEY,
            "relabel_configs", "metric_relabel_configs", "sample_limit", "label_limit", "label_name_length_limit",
            "label_value_length_limit", "body_size_limit", "follow_redirects", "authorization", "bearer_token",
            "bearer_token_file", "basic_auth", "tls_config", "proxy_url"),
            refuse("target_limit", "oauth2", "enable_http2", "no_proxy", "proxy_from_environment",
                    "proxy_connect_header", "http_headers", "scrape_classic_histograms",
                    "always_scrape_classic_histograms", "convert_classic_histograms_to_nhcb",
                    "native_histogram_bucket_limit", "native_histogram_min_bucket_factor", "keep_dropped_targets",
                    "scrape_protocols", "fallback_scrape_protocol", "enable_compression",
                    "track_timestamps_staleness", "metric_name_validation_scheme", "metric_name_escaping_scheme",
                    "scrape_failure_log_file", "azure_sd_configs", "consul_sd_configs", "digitalocean_sd_configs",
                    "docker_sd_configs", "dockerswarm_sd_configs", "ec2_sd_configs",
                    "eureka_sd_configs", "gce_sd_configs", "hetzner_sd_configs", "http_sd_configs",
                    "ionos_sd_configs", "kuma_sd_configs", "lightsail_sd_configs",
                    "linode_sd_configs", "marathon_sd_configs", "nerve_sd_configs", "nomad_sd_configs",
                    "openstack_sd_configs", "ovhcloud_sd_configs", "puppetdb_sd_configs", "scaleway_sd_configs",
                    "serverset_sd_configs", "triton_sd_configs", "uyuni_sd_configs", "vultr_sd_configs",
                    "stackit_sd_configs"));

    static final Section REMOTE_WRITE = new Section(Set.of("url", "name", "remote_timeout", "headers",
            "write_relabel_configs", "queue_config", "metadata_config", "follow_redirects", "authorization",
            "bearer_token", "bearer_token_file", "basic_auth", "tls_config", "proxy_url"),
            refuse("send_exemplars", "send_native_histograms", "protobuf_message", "round_robin_dns", "sigv4",
                    "azuread", "google_iam", "oauth2", "enable_http2", "no_proxy", "proxy_from_environment",
                    "proxy_connect_header", "http_headers"));

    static final Section QUEUE = new Section(Set.of("capacity", "min_shards", "max_shards", "max_samples_per_send",
            "batch_send_deadline", "min_backoff", "max_backoff", "retry_on_http_429"), refuse("sample_age_limit"));

    static final Section METADATA = new Section(Set.of("send", "send_interval", "max_samples_per_send"), Map.of());

    static final Section TARGET_GROUP = new Section(Set.of("targets", "labels"), Map.of());

    static final Section FILE_SD = new Section(Set.of("files", "refresh_interval"), Map.of());

    static final Section DNS_SD = new Section(Set.of("names", "type", "port", "refresh_interval"), Map.of());

    static final Section ETCD_SD = new Section(Set.of("endpoints", "prefix", "tls_config", "refresh_interval"),
            Map.of());

    static final Section KUBERNETES_SD = new Section(Set.of("role", "api_server", "kubeconfig_file", "namespaces",
            "selectors", "attach_metadata", "authorization", "bearer_token", "bearer_token_file", "basic_auth",
            "tls_config", "proxy_url", "follow_redirects"),
            refuse("oauth2", "enable_http2", "no_proxy", "proxy_from_environment", "proxy_connect_header",
                    "http_headers"));

    static final Section KUBERNETES_NAMESPACES = new Section(Set.of("names", "own_namespace"), Map.of());

    static final Section KUBERNETES_SELECTOR = new Section(Set.of("role", "label", "field"), Map.of());

    static final Section KUBERNETES_ATTACH_METADATA = new Section(Set.of("node"), Map.of());

    static final Section RELABEL = new Section(
            Set.of("source_labels", "separator", "regex", "modulus", "target_label", "replacement", "action"),
            Map.of());

    static final Section AUTHORIZATION = new Section(Set.of("type", "credentials", "credentials_file"), Map.of());

    static final Section BASIC_AUTH = new Section(Set.of("username", "password", "password_file"),
            refuse("username_file"));

    static final Section TLS = new Section(
            Set.of("ca_file", "cert_file", "key_file", "server_name", "insecure_skip_verify", "min_version"),
            refuse("ca", "cert", "key", "max_version"));

    static final Section WEB = new Section(Set.of("tls_server_config", "http_server_config", "basic_auth_users"),
            refuse("rate_limit"));

    static final Section WEB_TLS = new Section(Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file",
            "min_version", "max_version", "cipher_suites", "prefer_server_cipher_suites", "client_allowed_sans"),
            refuse("cert", "key", "client_ca", "curve_preferences"));

    static final Section WEB_HTTP = new Section(Set.of("headers", "http2"), Map.of());

    private static Map<String, String> refuse(String... keys) {
        Map<String, String> refused = new HashMap<>();
        for (String key : keys) {
            refused.put(key, NOT_SUPPORTED);
        }
        return Map.copyOf(refused);
    }
}
