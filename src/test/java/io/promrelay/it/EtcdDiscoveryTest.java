package io.promrelay.it;

import io.promrelay.testing.Http;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.PlainTargetServer;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd_sd_configs against real etcd servers on loopback (one plain, one demanding client certificates), with
 * SkyDNS entries put and deleted by etcdctl. The re-list interval is an hour, so every change the relay sees
 * arrives through the watch.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EtcdDiscoveryTest {
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(15);
    private static final Pattern ETCD_FAILURES = Pattern.compile(
            "promrelay_sd_refresh_failures_total\\{job=\"skydns\",mechanism=\"etcd\"} ([0-9.e+]+)");

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static PlainTargetServer server01;
    private static PlainTargetServer server02;
    private static TestCertificates certs;
    private static Etcd plain;
    private static Etcd tls;
    private static StartedRelay relay;

    /** An etcd server and the etcdctl flags that reach it. */
    private record Etcd(PeerProcess process, List<String> etcdctlFlags) implements AutoCloseable {
        void put(String key, String value) {
            etcdctl(etcdctlFlags, "put", key, value);
        }

        void delete(String key) {
            etcdctl(etcdctlFlags, "del", key);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    @BeforeAll
    static void startEtcdExportersAndRelay() throws Exception {
        PeerBinary.ETCD.locate();
        PeerBinary.ETCDCTL.locate();
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        server01 = cleanup.add(PlainTargetServer.start(vertx));
        server02 = cleanup.add(PlainTargetServer.start(vertx));
        certs = TestCertificates.create(dir.resolve("pki"));
        plain = cleanup.add(startEtcd("plain", false));
        tls = cleanup.add(startEtcd("tls", true));
        relay = cleanup.add(StartedRelay.startScrapingEverySecond(vertx, dir.resolve("relay"), """
                  - job_name: skydns
                    etcd_sd_configs: [{endpoints: ["%s"], refresh_interval: 1h}]
                  - job_name: skydns-tls
                    etcd_sd_configs:
                      - endpoints: ["%s"]
                        prefix: /skydns/
                        refresh_interval: 1h
                        tls_config: {ca_file: "%s", cert_file: "%s", key_file: "%s"}
                """.formatted(endpoint(plain), endpoint(tls), certs.caCert(), certs.client().cert(),
                certs.client().key())));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    @Order(1)
    void putAndDeleteOfSkyDnsEntriesReachTheScrapeSet() {
        plain.put("/skydns/local/prom/node/server01", service(server01));
        awaitAddresses("skydns", Set.of(server01.address()));
        plain.put("/skydns/local/prom/node/server02", service(server02));
        awaitAddresses("skydns", Set.of(server01.address(), server02.address()));
        relay.awaitAllUp("skydns", CHANGE_TIMEOUT);

        assertEquals(Map.of(
                "__meta_etcd_key", "/skydns/local/prom/node/server01",
                "__meta_etcd_skydns_name", "server01.node.prom.local",
                "__meta_etcd_skydns_service", "node",
                "__meta_etcd_skydns_instance", "server01",
                "__meta_etcd_skydns_host", "127.0.0.1",
                "__meta_etcd_skydns_port", Integer.toString(server01.port())),
                StartedRelay.meta(relay.discoveredLabels("skydns", server01.address())));
        assertEquals(Map.of(Labels.of("__name__", "up", "job", "skydns", "instance", server01.address()), 1.0,
                        Labels.of("__name__", "up", "job", "skydns", "instance", server02.address()), 1.0),
                ExpositionSamples.parse(relay.federate("up{job=\"skydns\"}")));

        plain.delete("/skydns/local/prom/node/server02");
        awaitAddresses("skydns", Set.of(server01.address()));
    }

    @Test
    @Order(2)
    void entriesAreReadWithClientCertificatesOverTls() {
        tls.put("/skydns/local/prom/node/server02", service(server02));

        awaitAddresses("skydns-tls", Set.of(server02.address()));
        relay.awaitAllUp("skydns-tls", CHANGE_TIMEOUT);
    }

    @Test
    @Order(3)
    void unreachableEtcdKeepsTheLastTargetsAndIsCounted() {
        awaitAddresses("skydns", Set.of(server01.address()));
        double failuresBefore = etcdFailures();

        plain.close();

        Await.until("a counted etcd failure", CHANGE_TIMEOUT,
                () -> etcdFailures() > failuresBefore ? Optional.of(true) : Optional.empty(), relay::metrics);
        assertEquals(Set.of(server01.address()), relay.addresses("skydns"));
        List<JsonObject> failures = relay.discoveryFailures("skydns");
        assertEquals(1, failures.size(), failures::toString);
        assertEquals("etcd", failures.get(0).getString("mechanism"));
        assertFalse(failures.get(0).getString("lastError").isEmpty(), failures::toString);
        assertTrue(failures.get(0).getLong("failures") >= 1, failures::toString);
        assertTrue(Http.getOk(relay.uri("/service-discovery")).contains("etcd discovery failed"));
    }

    private static Etcd startEtcd(String name, boolean withTls) {
        int clientPort = PeerProcess.freePort();
        int peerPort = PeerProcess.freePort();
        String scheme = withTls ? "https" : "http";
        String clientUrl = scheme + "://127.0.0.1:" + clientPort;
        String peerUrl = "http://127.0.0.1:" + peerPort;
        List<String> args = new ArrayList<>(List.of("--name", name, "--data-dir", dir.resolve(name + ".etcd").toString(),
                "--listen-client-urls", clientUrl, "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", name + "=" + peerUrl));
        List<String> etcdctlFlags = new ArrayList<>(List.of("--endpoints=" + clientUrl, "--dial-timeout=2s"));
        if (withTls) {
            args.addAll(List.of("--cert-file", certs.localhost().cert().toString(),
                    "--key-file", certs.localhost().key().toString(),
                    "--client-cert-auth", "--trusted-ca-file", certs.caCert().toString()));
            etcdctlFlags.addAll(List.of("--cacert=" + certs.caCert(), "--cert=" + certs.client().cert(),
                    "--key=" + certs.client().key()));
        }
        PeerProcess process = PeerProcess.start(PeerBinary.ETCD, args, dir.resolve(name), "healthy at " + clientUrl,
                () -> run(etcdctlFlags, "endpoint", "health") == 0);
        return new Etcd(process, List.copyOf(etcdctlFlags));
    }

    private static String endpoint(Etcd etcd) {
        String flag = etcd.etcdctlFlags().get(0);
        return URI.create(flag.substring(flag.indexOf('=') + 1)).toString();
    }

    private static void etcdctl(List<String> flags, String... command) {
        int exit = run(flags, command);
        if (exit != 0) {
            throw new AssertionError("etcdctl " + String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int run(List<String> flags, String... command) {
        List<String> line = new ArrayList<>();
        line.add(PeerBinary.ETCDCTL.locate().toString());
        line.addAll(flags);
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        try {
            Process process = builder.start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String service(PlainTargetServer server) {
        return new JsonObject().put("host", "127.0.0.1").put("port", server.port()).encode();
    }

    private static void awaitAddresses(String job, Set<String> expected) {
        relay.awaitAddresses(job, expected, CHANGE_TIMEOUT, () -> "");
    }

    private static double etcdFailures() {
        Matcher m = ETCD_FAILURES.matcher(relay.metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
