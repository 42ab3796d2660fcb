package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.onlyJob;
import static io.promrelay.config.ConfigAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeConfigKeysTest {

    private static final String EVERY_KEY = """
            global:
              scrape_interval: 20s
              scrape_timeout: 5s
              external_labels:
                cluster: prod
                replica: "1"
            promrelay:
              listen_address: 127.0.0.1:19090
              retention: 1h30m
              max_active_series: 500000
              max_scrape_concurrency: 8
              max_buffer_bytes: 256MiB
            scrape_configs:
              - job_name: everything
                scrape_interval: 1m
                scrape_timeout: 30s
                metrics_path: /probe
                scheme: https
                params:
                  module: [http_2xx]
                  target: [a, b]
                honor_labels: true
                honor_timestamps: false
                follow_redirects: false
                sample_limit: 1000
                label_limit: 30
                label_name_length_limit: 100
                label_value_length_limit: 200
                body_size_limit: 10MB
                basic_auth:
                  username: admin
                  password_file: secrets/password
                tls_config:
                  ca_file: certs/ca.pem
                  cert_file: /etc/certs/client.pem
                  key_file: /etc/certs/client.key
                  server_name: example.internal
                  insecure_skip_verify: true
                  min_version: TLS12
                proxy_url: http://proxy.internal:3128
                static_configs:
                  - targets: ['a:9100', 'b:9100']
                    labels:
                      env: prod
                  - targets: ['c:9100']
                file_sd_configs:
                  - files: [targets/*.json, /etc/promrelay/extra.yml]
                    refresh_interval: 1m
                relabel_configs:
                  - source_labels: [__address__, env]
                    separator: '-'
                    regex: '(.+)-prod'
                    target_label: host
                    replacement: '${1}'
                    action: replace
                  - source_labels: [__address__]
                    modulus: 4
                    target_label: __tmp_hash
                    action: hashmod
                  - regex: 'meta_(.+)'
                    replacement: '$1'
                    action: labelmap
                metric_relabel_configs:
                  - regex: 'go_.*'
                    action: labeldrop
                  - source_labels: [a]
                    target_label: b
                    action: keepequal
                  - source_labels: [a]
                    target_label: c
                    action: Lowercase
            """;

    @Test
    void globalAndRelayKeys() throws ConfigException {
        Config config = parse(EVERY_KEY);
        assertEquals(new GlobalConfig(Duration.ofSeconds(20), Duration.ofSeconds(5),
                Labels.of("cluster", "prod", "replica", "1")), config.global());
        assertEquals(new RelayConfig("127.0.0.1:19090", Duration.ofMinutes(90), 500_000, 8, 256L << 20), config.relay());
    }

    @Test
    void scrapeKeys() throws ConfigException {
        ScrapeConfig job = onlyJob(EVERY_KEY);
        assertEquals("everything", job.jobName());
        assertEquals(Duration.ofMinutes(1), job.scrapeInterval());
        assertEquals(Duration.ofSeconds(30), job.scrapeTimeout());
        assertEquals("/probe", job.metricsPath());
        assertEquals("https", job.scheme());
        assertEquals(Map.of("module", List.of("http_2xx"), "target", List.of("a", "b")), job.params());
        assertTrue(job.honorLabels());
        assertFalse(job.honorTimestamps());
        assertEquals(1000, job.sampleLimit());
        assertEquals(30, job.labelLimit());
        assertEquals(100, job.labelNameLengthLimit());
        assertEquals(200, job.labelValueLengthLimit());
        assertEquals(10L << 20, job.bodySizeLimit());
        assertEquals(List.of(new StaticConfig(List.of("a:9100", "b:9100"), Labels.of("env", "prod")),
                new StaticConfig(List.of("c:9100"), Labels.EMPTY)), job.staticConfigs());
    }

    @Test
    void httpClientKeysWithPathsRelativeToTheConfigDirectory() throws ConfigException {
        HttpClientConfig http = onlyJob(EVERY_KEY).httpClient();
        assertFalse(http.followRedirects());
        assertEquals("http://proxy.internal:3128", http.proxyUrl());
        assertEquals(new BasicAuth("admin", null, Path.of("conf/secrets/password")), http.basicAuth());
        assertEquals(new TlsConfig(Path.of("conf/certs/ca.pem"), Path.of("/etc/certs/client.pem"),
                Path.of("/etc/certs/client.key"), "example.internal", true, "TLS12"), http.tls());
    }

    @Test
    void fileSdPatternsResolveAgainstTheConfigDirectory() throws ConfigException {
        FileSdConfig sd = onlyJob(EVERY_KEY).fileSdConfigs().get(0);
        assertEquals(List.of("conf/targets/*.json", "/etc/promrelay/extra.yml"), sd.files());
        assertEquals(Duration.ofMinutes(1), sd.refreshInterval());
    }

    @Test
    void relabelKeys() throws ConfigException {
        ScrapeConfig job = onlyJob(EVERY_KEY);
        assertEquals(List.of(
                new RelabelConfig(List.of("__address__", "env"), "-", "(.+)-prod", 0, "host", "${1}", Action.REPLACE),
                new RelabelConfig(List.of("__address__"), ";", "(.*)", 4, "__tmp_hash", "$1", Action.HASHMOD),
                new RelabelConfig(List.of(), ";", "meta_(.+)", 0, "", "$1", Action.LABELMAP)),
                job.relabelConfigs());
        assertEquals(List.of(
                new RelabelConfig(List.of(), ";", "go_.*", 0, "", "$1", Action.LABELDROP),
                new RelabelConfig(List.of("a"), ";", "(.*)", 0, "b", "$1", Action.KEEPEQUAL),
                new RelabelConfig(List.of("a"), ";", "(.*)", 0, "c", "$1", Action.LOWERCASE)),
                job.metricRelabelConfigs());
    }

    @Test
    void bearerTokenFileBecomesBearerAuthorization() throws ConfigException {
        HttpClientConfig http = onlyJob("""
                scrape_configs:
                  - job_name: k8s
                    bearer_token_file: token
                """).httpClient();
        assertEquals(new Authorization("Bearer", null, Path.of("conf/token")), http.authorization());
    }

    @Test
    void everyFileKeyResolvesRelativeToTheConfigDirectory() throws ConfigException {
        HttpClientConfig http = onlyJob("""
                scrape_configs:
                  - job_name: a
                    authorization: {credentials_file: auth/token}
                    tls_config: {ca_file: ca.pem, cert_file: tls/c.pem, key_file: ../k.pem}
                """).httpClient();
        assertEquals(Path.of("conf/auth/token"), http.authorization().credentialsFile());
        assertEquals(new TlsConfig(Path.of("conf/ca.pem"), Path.of("conf/tls/c.pem"), Path.of("conf/../k.pem"),
                null, false, null), http.tls());
    }

    @Test
    void bearerTokenBecomesBearerAuthorization() throws ConfigException {
        Authorization auth = onlyJob("scrape_configs:\n  - job_name: a\n    bearer_token: abc\n")
                .httpClient().authorization();
        assertEquals("Bearer", auth.type());
        assertEquals("abc", auth.credentials().reveal());
    }

    @Test
    void authorizationWithCustomTypeAndFile() throws ConfigException {
        Authorization auth = onlyJob("""
                scrape_configs:
                  - job_name: a
                    authorization:
                      type: '  Token '
                      credentials_file: /run/token
                """).httpClient().authorization();
        assertEquals(new Authorization("Token", null, Path.of("/run/token")), auth);
    }

    @Test
    void basicAuthWithPassword() throws ConfigException {
        BasicAuth basic = onlyJob("""
                scrape_configs:
                  - job_name: a
                    basic_auth: {username: u, password: p}
                """).httpClient().basicAuth();
        assertEquals("u", basic.username());
        assertEquals("p", basic.password().reveal());
    }

    @Test
    void urlTargetsAreAllowedWhenRelabelingRewritesThem() throws ConfigException {
        ScrapeConfig job = onlyJob("""
                scrape_configs:
                  - job_name: blackbox
                    metrics_path: /probe
                    static_configs:
                      - targets: ['https://example.com/health']
                    relabel_configs:
                      - source_labels: [__address__]
                        target_label: __param_target
                """);
        assertEquals(List.of("https://example.com/health"), job.staticConfigs().get(0).targets());
    }

    @Test
    void yamlBooleanSpellingsAndTargetsWithoutPort() throws ConfigException {
        ScrapeConfig job = onlyJob("""
                scrape_configs:
                  - job_name: 123
                    honor_labels: yes
                    honor_timestamps: off
                    static_configs:
                      - targets: [localhost]
                """);
        assertEquals("123", job.jobName());
        assertTrue(job.honorLabels());
        assertFalse(job.honorTimestamps());
        assertEquals(List.of("localhost"), job.staticConfigs().get(0).targets());
    }

    @Test
    void bodySizeLimitAcceptsPrometheusUnits() throws ConfigException {
        assertEquals(1L << 30, onlyJob("scrape_configs:\n- job_name: a\n  body_size_limit: 1GiB\n").bodySizeLimit());
        assertEquals(1536, onlyJob("scrape_configs:\n- job_name: a\n  body_size_limit: 1.5KB\n").bodySizeLimit());
        assertEquals(0, onlyJob("scrape_configs:\n- job_name: a\n  body_size_limit: 0\n").bodySizeLimit());
    }

    @Test
    void listenAddressForms() throws ConfigException {
        for (String address : new String[] {":9090", "[::]:9090", "localhost:0", "relay.svc:443"}) {
            assertEquals(address, parse("promrelay:\n  listen_address: '" + address + "'\n").relay().listenAddress());
        }
    }
}
