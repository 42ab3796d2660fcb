package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;

import org.junit.jupiter.api.Test;

/** Each error names the file, the line and the key path, then the problem in Prometheus's words. */
class ConfigValidationErrorsTest {

    @Test
    void unknownKeyNamesTheSectionAndTheKey() {
        assertError("""
                scrape_configs:
                  - job_name: a
                    tls_config:
                      ca_fle: ca.pem
                """, 4, "scrape_configs[0].tls_config", "unknown key \"ca_fle\"");
    }

    @Test
    void unknownTopLevelKey() {
        assertError("global: {}\nscrape_config: []\n", 2, "", "unknown key \"scrape_config\"");
    }

    @Test
    void duplicateKeys() {
        assertError("""
                global:
                  scrape_interval: 15s
                  scrape_interval: 30s
                """, 3, "global", "duplicate key \"scrape_interval\" (first at line 2)");
        assertError("""
                scrape_configs:
                  - job_name: a
                    static_configs:
                      - labels: {env: a, env: b}
                """, 4, "scrape_configs[0].static_configs[0].labels", "duplicate key \"env\"");
    }

    @Test
    void invalidDurationNamesKey() {
        assertError("global:\n  scrape_interval: 1x\n", 2, "global.scrape_interval",
                "not a valid duration string: \"1x\"");
        assertError("scrape_configs:\n  - job_name: a\n    scrape_timeout: 30m1h\n", 3,
                "scrape_configs[0].scrape_timeout", "not a valid duration string");
    }

    @Test
    void globalTimeoutGreaterThanInterval() {
        assertError("global:\n  scrape_interval: 10s\n  scrape_timeout: 11s\n", 3, "global.scrape_timeout",
                "global scrape timeout greater than scrape interval");
    }

    @Test
    void jobTimeoutGreaterThanInterval() {
        assertError("""
                scrape_configs:
                  - job_name: slow
                    scrape_interval: 10s
                    scrape_timeout: 20s
                """, 4, "scrape_configs[0].scrape_timeout",
                "scrape timeout greater than scrape interval for scrape config with job name \"slow\"");
    }

    @Test
    void invalidLabelNames() {
        assertError("global:\n  external_labels:\n    1region: eu\n", 3, "global.external_labels.1region",
                "\"1region\" is not a valid label name");
        assertError("""
                scrape_configs:
                  - job_name: a
                    static_configs:
                      - targets: [a:1]
                        labels:
                          bad-name: x
                """, 6, "scrape_configs[0].static_configs[0].labels.bad-name", "\"bad-name\" is not a valid label name");
    }

    @Test
    void missingAndDuplicateJobNames() {
        assertError("scrape_configs:\n  - scrape_interval: 5s\n", 2, "scrape_configs[0]", "job_name is empty");
        assertError("scrape_configs:\n  - job_name: ''\n", 2, "scrape_configs[0].job_name", "job_name is empty");
        assertError("scrape_configs:\n  - job_name: a\n  - job_name: b\n  - job_name: a\n", 4, "scrape_configs[2]",
                "found multiple scrape configs with job name \"a\" (first at line 2)");
        assertError("scrape_configs:\n  - job_name: a\n  -\n", 3, "scrape_configs[1]",
                "empty or null scrape config section");
    }

    @Test
    void targetsMustNotBeUrls() {
        assertError("""
                scrape_configs:
                  - job_name: a
                    static_configs:
                      - targets:
                          - ok:9100
                          - http://host:9100
                """, 6, "scrape_configs[0].static_configs[0].targets[1]", "must not contain a scheme");
        assertError("""
                scrape_configs:
                  - job_name: a
                    static_configs:
                      - targets: ['host:9100/metrics']
                """, 4, "scrape_configs[0].static_configs[0].targets[0]",
                "\"host:9100/metrics\" is not a valid hostname");
    }

    @Test
    void schemeMustBeHttpOrHttps() {
        assertError("scrape_configs:\n  - job_name: a\n    scheme: ftp\n", 3, "scrape_configs[0].scheme",
                "scheme must be \"http\" or \"https\", got \"ftp\"");
    }

    @Test
    void typeErrors() {
        assertError("scrape_configs:\n  - job_name: a\n    honor_labels: \"true\"\n", 3,
                "scrape_configs[0].honor_labels", "expected true or false, got a string");
        assertError("scrape_configs:\n  - foo\n", 2, "scrape_configs[0]", "expected a mapping, got a string");
        assertError("scrape_configs:\n  - job_name: a\n    metrics_path: [x]\n", 3,
                "scrape_configs[0].metrics_path", "expected a string, got a list");
        assertError("scrape_configs:\n  - job_name: a\n    sample_limit: -1\n", 3, "scrape_configs[0].sample_limit",
                "expected a non-negative integer, got \"-1\"");
        assertError("scrape_configs:\n  - job_name: a\n    params: {module: http_2xx}\n", 3,
                "scrape_configs[0].params.module", "expected a list");
        assertError("scrape_configs:\n  job_name: a\n", 1, "scrape_configs", "expected a list, got a mapping");
        assertError("global: [1]\n", 1, "global", "expected a mapping, got a list");
        assertError("- a\n", 1, "", "expected a mapping, got a list");
    }

    @Test
    void byteSizeErrors() {
        assertError("scrape_configs:\n  - job_name: a\n    body_size_limit: 10kB\n", 3,
                "scrape_configs[0].body_size_limit", "not a valid byte size \"10kB\"");
        assertError("scrape_configs:\n  - job_name: a\n    body_size_limit: 100\n", 3,
                "scrape_configs[0].body_size_limit", "unknown unit \"\"");
        assertError("scrape_configs:\n  - job_name: a\n    body_size_limit: -1MB\n", 3,
                "scrape_configs[0].body_size_limit", "must not be negative");
    }

    @Test
    void fileSdNames() {
        assertError("""
                scrape_configs:
                  - job_name: a
                    file_sd_configs:
                      - files: [targets.txt]
                """, 4, "scrape_configs[0].file_sd_configs[0].files[0]",
                "path name \"targets.txt\" is not valid for file discovery");
        assertError("""
                scrape_configs:
                  - job_name: a
                    file_sd_configs:
                      - files: ['*/targets.json']
                """, 4, "scrape_configs[0].file_sd_configs[0].files[0]", "is not valid for file discovery");
        assertError("""
                scrape_configs:
                  - job_name: a
                    file_sd_configs:
                      - refresh_interval: 1m
                """, 4, "scrape_configs[0].file_sd_configs[0]", "must contain at least one path name");
    }

    @Test
    void relayValidation() {
        assertError("promrelay:\n  listen_address: 9090\n", 2, "promrelay.listen_address", "expected host:port");
        assertError("promrelay:\n  listen_address: 'http://0.0.0.0:9090'\n", 2, "promrelay.listen_address",
                "is not a valid listen address");
        assertError("promrelay:\n  listen_address: ':99999'\n", 2, "promrelay.listen_address", "expected host:port");
        assertError("promrelay:\n  retention: 0s\n", 2, "promrelay.retention", "retention must be positive");
        assertError("promrelay:\n  max_active_series: 0\n", 2, "promrelay.max_active_series", "must be positive");
        assertError("promrelay:\n  max_scrape_concurrency: 0\n", 2, "promrelay.max_scrape_concurrency",
                "must be between 1 and");
        assertError("promrelay:\n  max_scrape_concurrency: -4\n", 2, "promrelay.max_scrape_concurrency",
                "expected a non-negative integer");
        assertError("promrelay:\n  max_buffer_bytes: 0\n", 2, "promrelay.max_buffer_bytes", "must be positive");
        assertError("promrelay:\n  max_buffer_bytes: 512mb\n", 2, "promrelay.max_buffer_bytes",
                "unknown unit \"mb\"");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        ConfigException e = assertError("global:\n  scrape_interval: 15s\n scrape_timeout: [\n", 3, "", "invalid YAML");
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void typedYamlTagsAreRefused() {
        assertError("global:\n  scrape_interval: !!java.io.File /tmp\n", 2, "", "Global tag is not allowed");
        assertError("global: !custom\n  scrape_interval: 1m\n", 1, "", "unsupported YAML tag");
    }

    @Test
    void selfReferencingAliasesEndInATypeError() {
        assertError("global: &g\n  external_labels: *g\n", 2, "global.external_labels.external_labels",
                "expected a string, got a mapping");
    }

    @Test
    void mergeKeysAreRefused() {
        assertError("""
                defaults: &d {scrape_interval: 5s}
                global:
                  <<: *d
                """, 3, "", "merge keys");
    }
}
