package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;
import static io.promrelay.config.ConfigAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteWriteConfigTest {

    private static RemoteWriteConfig only(String yaml) throws ConfigException {
        List<RemoteWriteConfig> all = parse(yaml).remoteWriteConfigs();
        assertEquals(1, all.size());
        return all.get(0);
    }

    @Test
    void defaultsAreThoseOfPrometheus242() throws ConfigException {
        RemoteWriteConfig rw = only("remote_write:\n  - url: http://mimir:8080/api/v1/push\n");

        assertEquals("http://mimir:8080/api/v1/push", rw.url());
        assertEquals(Duration.ofSeconds(30), rw.remoteTimeout());
        assertEquals(Map.of(), rw.headers());
        assertEquals(List.of(), rw.writeRelabelConfigs());
        assertEquals(HttpClientConfig.DEFAULT, rw.httpClient());
        assertEquals(new QueueConfig(2500, 1, 200, 500, Duration.ofSeconds(5), Duration.ofMillis(30),
                Duration.ofSeconds(5), true), rw.queue());
        assertEquals(new MetadataConfig(true, Duration.ofMinutes(1), 500), rw.metadata());
    }

    @Test
    void everySupportedKeyIsRead() throws ConfigException {
        RemoteWriteConfig rw = only("""
                remote_write:
                  - url: https://vm:8428/api/v1/write
                    name: vm
                    remote_timeout: 10s
                    headers: {X-Scope-OrgID: team-a}
                    write_relabel_configs:
                      - source_labels: [__name__]
                        regex: go_.*
                        action: drop
                    basic_auth: {username: relay, password: s3cret}
                    tls_config: {insecure_skip_verify: true}
                    proxy_url: http://proxy:3128
                    follow_redirects: false
                    queue_config:
                      capacity: 10000
                      min_shards: 2
                      max_shards: 8
                      max_samples_per_send: 2000
                      batch_send_deadline: 1s
                      min_backoff: 100ms
                      max_backoff: 10s
                      retry_on_http_429: false
                    metadata_config: {send: false, send_interval: 30s, max_samples_per_send: 100}
                """);

        assertEquals("vm", rw.name());
        assertEquals(Duration.ofSeconds(10), rw.remoteTimeout());
        assertEquals(Map.of("X-Scope-OrgID", "team-a"), rw.headers());
        assertEquals(RelabelConfig.Action.DROP, rw.writeRelabelConfigs().get(0).action());
        assertEquals("relay", rw.httpClient().basicAuth().username());
        assertTrue(rw.httpClient().tls().insecureSkipVerify());
        assertEquals("http://proxy:3128", rw.httpClient().proxyUrl());
        assertFalse(rw.httpClient().followRedirects());
        assertEquals(new QueueConfig(10000, 2, 8, 2000, Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(10), false), rw.queue());
        assertEquals(new MetadataConfig(false, Duration.ofSeconds(30), 100), rw.metadata());
    }

    @Test
    void anUnnamedEndpointIsNamedAfterAHashOfItsSettings() throws ConfigException {
        List<RemoteWriteConfig> all = parse("""
                remote_write:
                  - url: http://a:9090/api/v1/write
                  - url: http://b:9090/api/v1/write
                """).remoteWriteConfigs();

        assertTrue(all.get(0).name().matches("[0-9a-f]{6}"), all.get(0).name());
        assertNotEquals(all.get(0).name(), all.get(1).name());
        assertEquals(all.get(0).name(), only("remote_write:\n  - url: http://a:9090/api/v1/write\n").name(),
                "the same settings give the same name");
    }

    @Test
    void namesMustBeUnique() {
        assertError("""
                remote_write:
                  - {url: 'http://a/w', name: q}
                  - {url: 'http://b/w', name: q}
                """, 3, "remote_write[1]", "found multiple remote write configs with job name \"q\" (first at line 2)");
        assertError("""
                remote_write:
                  - url: http://a/w
                  - url: http://a/w
                """, 3, "remote_write[1]", "duplicate remote write configs are not allowed");
    }

    @Test
    void theUrlIsRequiredAndNeverEchoed() {
        assertError("remote_write:\n  - name: x\n", 2, "remote_write[0]", "url for remote_write is empty");
        var e = assertError("remote_write:\n  - url: 'ftp://user:hunter2@x/'\n", 2, "remote_write[0].url",
                "url must be an absolute http or https URL");
        assertFalse(e.getMessage().contains("hunter2"));
        assertError("remote_write:\n  - ~\n", 2, "remote_write[0]", "empty or null remote write config section");
    }

    @Test
    void headersTheProtocolOrTheCredentialsOwnAreRefused() {
        assertError("remote_write:\n  - url: http://a/w\n    headers:\n      X-Prometheus-Remote-Write-Version: '2'\n",
                4, "remote_write[0].headers.X-Prometheus-Remote-Write-Version",
                "X-Prometheus-Remote-Write-Version is a reserved header. It must not be changed");
        assertError("remote_write:\n  - url: http://a/w\n    headers:\n      authorization: Bearer x\n",
                4, "remote_write[0].headers.authorization",
                "authorization header must be changed via the basic_auth or authorization parameter");
    }

    @Test
    void queueSettingsMustMakeSense() {
        assertError("remote_write:\n  - url: http://a/w\n    queue_config: {min_shards: 5, max_shards: 2}\n", 3,
                "remote_write[0].queue_config.min_shards", "min_shards (5) must not exceed max_shards (2)");
        assertError("remote_write:\n  - url: http://a/w\n    queue_config: {capacity: 0}\n", 3,
                "remote_write[0].queue_config.capacity", "capacity must be between 1 and");
        assertError("remote_write:\n  - url: http://a/w\n    queue_config: {min_backoff: 10s, max_backoff: 1s}\n", 3,
                "remote_write[0].queue_config.min_backoff", "min_backoff (10s) must not exceed max_backoff (1s)");
        assertError("remote_write:\n  - url: http://a/w\n    queue_config: {batch_send_deadline: 0s}\n", 3,
                "remote_write[0].queue_config.batch_send_deadline", "batch_send_deadline must be positive");
        assertError("remote_write:\n  - url: http://a/w\n    write_relabel_configs: [~]\n", 3,
                "remote_write[0].write_relabel_configs[0]", "empty or null relabeling rule in remote write config");
    }

    @Test
    void theHttpClientBlockFollowsTheScrapeConfigRules() {
        assertError("remote_write:\n  - url: http://a/w\n    bearer_token: a\n    bearer_token_file: b\n", 4,
                "remote_write[0].bearer_token_file", "at most one of bearer_token & bearer_token_file");
    }

    @Test
    void rendersWithSecretsHidden() throws ConfigException {
        String yaml = ConfigRenderer.toYaml(parse("""
                remote_write:
                  - url: http://relay:hunter2@vm:8428/api/v1/write
                    name: vm
                    headers: {X-Api-Key: k3y}
                    authorization: {credentials: t0ken}
                """));

        assertTrue(yaml.contains("""
                remote_write:
                - url: http://relay:<secret>@vm:8428/api/v1/write
                  remote_timeout: 30s
                  headers:
                    X-Api-Key: <secret>
                  name: vm
                  authorization:
                    type: Bearer
                    credentials: <secret>
                  follow_redirects: true
                  queue_config:
                    capacity: 2500
                    max_shards: 200
                    min_shards: 1
                    max_samples_per_send: 500
                    batch_send_deadline: 5s
                    min_backoff: 30ms
                    max_backoff: 5s
                    retry_on_http_429: true
                  metadata_config:
                    send: true
                    send_interval: 1m
                    max_samples_per_send: 500
                """), yaml);
        assertFalse(yaml.contains("hunter2") || yaml.contains("k3y") || yaml.contains("t0ken"), yaml);
    }
}
