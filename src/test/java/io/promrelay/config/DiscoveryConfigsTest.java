package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;
import static io.promrelay.config.ConfigAssertions.onlyJob;
import static io.promrelay.config.ConfigAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.DnsSdConfig.RecordType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dns_sd_configs and etcd_sd_configs: defaults, Prometheus's checks, errors naming file, line and key, rendering. */
class DiscoveryConfigsTest {
    private static final String JOB = """
            scrape_configs:
              - job_name: node
            """;

    @Test
    void dnsEntryGetsPrometheusDefaults() throws ConfigException {
        ScrapeConfig job = onlyJob(JOB + "    dns_sd_configs: [{names: [node.prom.local]}]\n");

        assertEquals(List.of(new DnsSdConfig(List.of("node.prom.local"), RecordType.SRV, 0, Duration.ofSeconds(30))),
                job.discoveryConfigs());
    }

    @Test
    void dnsTypeIsCaseInsensitiveAndTakesThePort() throws ConfigException {
        ScrapeConfig job = onlyJob(JOB + """
                    dns_sd_configs:
                      - names: [a.example, b.example]
                        type: aaaa
                        port: 9100
                        refresh_interval: 5s
                """);

        assertEquals(List.of(new DnsSdConfig(List.of("a.example", "b.example"), RecordType.AAAA, 9100,
                Duration.ofSeconds(5))), job.discoveryConfigs());
    }

    @Test
    void dnsEntryErrorsNameFileLineAndKey() {
        assertError(JOB + "    dns_sd_configs: [{names: []}]\n", 3, "scrape_configs[0].dns_sd_configs[0].names",
                "DNS-SD config must contain at least one SRV record name");
        assertError(JOB + "    dns_sd_configs:\n      - names: [x]\n        type: A\n", 4,
                "scrape_configs[0].dns_sd_configs[0]",
                "a port is required in DNS-SD configs for all record types except SRV");
        assertError(JOB + "    dns_sd_configs:\n      - names: [x]\n        type: TXT\n", 5,
                "scrape_configs[0].dns_sd_configs[0].type", "invalid DNS-SD records type TXT");
        assertError(JOB + "    dns_sd_configs:\n      - names: [x]\n        port: 70000\n", 5,
                "scrape_configs[0].dns_sd_configs[0].port", "port 70000 is out of range");
        assertError(JOB + "    dns_sd_configs:\n      - names: [x]\n        refresh_interval: 0s\n", 5,
                "scrape_configs[0].dns_sd_configs[0].refresh_interval", "refresh_interval must be greater than 0s");
        assertError(JOB + "    dns_sd_configs:\n      - names: [x]\n        server: 127.0.0.1\n", 5,
                "scrape_configs[0].dns_sd_configs[0]", "unknown key \"server\"");
    }

    @Test
    void etcdEntryGetsDefaultsAndResolvesTlsFilesAgainstTheConfigFile() throws ConfigException {
        ScrapeConfig job = onlyJob(JOB + """
                    etcd_sd_configs:
                      - endpoints: ["https://etcd-1:2379/", "https://etcd-2:2379"]
                        tls_config: {ca_file: ca.pem, cert_file: client.pem, key_file: client-key.pem}
                      - endpoints: ["http://127.0.0.1:2379"]
                        prefix: /dns/
                        refresh_interval: 10s
                """);

        Path conf = ConfigAssertions.FILE.getParent();
        assertEquals(List.of(
                new EtcdSdConfig(List.of("https://etcd-1:2379", "https://etcd-2:2379"), "/skydns",
                        new TlsConfig(conf.resolve("ca.pem"), conf.resolve("client.pem"),
                                conf.resolve("client-key.pem"), null, false, null), Duration.ofMinutes(1)),
                new EtcdSdConfig(List.of("http://127.0.0.1:2379"), "/dns", TlsConfig.NONE, Duration.ofSeconds(10))),
                job.discoveryConfigs());
    }

    @Test
    void etcdEntryErrorsNameFileLineAndKey() {
        assertError(JOB + "    etcd_sd_configs: [{prefix: /skydns}]\n", 3, "scrape_configs[0].etcd_sd_configs[0]",
                "etcd SD config must contain at least one endpoint URL");
        assertError(JOB + "    etcd_sd_configs:\n      - endpoints: [etcd:2379]\n", 4,
                "scrape_configs[0].etcd_sd_configs[0].endpoints[0]", "must be an http:// or https:// URL");
        assertError(JOB + "    etcd_sd_configs:\n      - endpoints: [\"http://e:2379\"]\n        prefix: skydns\n", 5,
                "scrape_configs[0].etcd_sd_configs[0].prefix", "must start with /");
        assertError(JOB + "    etcd_sd_configs:\n      - endpoints: [\"http://e:2379\"]\n        basic_auth: {}\n", 5,
                "scrape_configs[0].etcd_sd_configs[0]", "unknown key \"basic_auth\"");
        assertError(JOB + "    etcd_sd_configs:\n      - endpoints: [\"http://e:2379\"]\n"
                        + "        tls_config: {cert_file: c.pem}\n", 5,
                "scrape_configs[0].etcd_sd_configs[0].tls_config", "specified without client key file");
    }

    @Test
    void rendererShowsBothMechanismsWithTheirDefaults() throws ConfigException {
        String yaml = ConfigRenderer.toYaml(parse(JOB + """
                    dns_sd_configs: [{names: [node.prom.local]}]
                    etcd_sd_configs: [{endpoints: ["http://127.0.0.1:2379"]}]
                """));

        assertTrue(yaml.contains("""
                  dns_sd_configs:
                  - names:
                    - node.prom.local
                    refresh_interval: 30s
                    type: SRV
                    port: 0
                  etcd_sd_configs:
                  - endpoints:
                    - http://127.0.0.1:2379
                    prefix: /skydns
                    refresh_interval: 1m
                """), yaml);
    }
}
