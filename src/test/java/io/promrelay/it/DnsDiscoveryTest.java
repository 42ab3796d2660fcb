package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.discovery.dns.ResolvConfSource;
import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.PlainTargetServer;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.core.dns.DnsClient;
import java.nio.file.Path;
import java.time.Duration;
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
 * dns_sd_configs against a real dnsmasq on a loopback port, shaped like a bare-metal setup: {@code node.prom.local}
 * SRV records point at server01/02.prom.local, whose A records point at 127.0.0.1 where two exporters listen on
 * their own ports. The relay's Vert.x resolves those names through the same dnsmasq, so it scrapes them by name.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnsDiscoveryTest {
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern DNS_FAILURES = Pattern.compile(
            "promrelay_sd_refresh_failures_total\\{job=\"node\",mechanism=\"dns\"} ([0-9.e+]+)");

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static Vertx vertx;
    private static PlainTargetServer server01;
    private static PlainTargetServer server02;
    private static int dnsPort;
    private static PeerProcess dnsmasq;
    private static StartedRelay relay;

    @BeforeAll
    static void startDnsExportersAndRelay() throws Exception {
        PeerBinary.DNSMASQ.locate();
        dnsPort = PeerProcess.freePort();
        vertx = Vertx.vertx(new VertxOptions().setAddressResolverOptions(new AddressResolverOptions()
                .addServer("127.0.0.1:" + dnsPort).setCacheMaxTimeToLive(0)));
        cleanup.add(vertx::close);
        server01 = cleanup.add(PlainTargetServer.start(vertx));
        server02 = cleanup.add(PlainTargetServer.start(vertx));
        dnsmasq = startDnsmasq(true);
        Path resolvConf = TestFiles.write(dir.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
        System.setProperty(ResolvConfSource.FILE_PROPERTY, resolvConf.toString());
        System.setProperty(ResolvConfSource.PORT_PROPERTY, Integer.toString(dnsPort));
        try {
            relay = cleanup.add(StartedRelay.startScrapingEverySecond(vertx, dir.resolve("relay"), """
                      - job_name: node
                        dns_sd_configs: [{names: [node.prom.local], refresh_interval: 1s}]
                      - job_name: node-a
                        dns_sd_configs: [{names: [server01.prom.local], type: A, port: %d, refresh_interval: 1s}]
                      - job_name: node-mx
                        dns_sd_configs: [{names: [prom.local], type: mx, port: %d, refresh_interval: 1s}]
                    """.formatted(server01.port(), server02.port())));
        } finally {
            System.clearProperty(ResolvConfSource.FILE_PROPERTY);
            System.clearProperty(ResolvConfSource.PORT_PROPERTY);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
        cleanup.close();
    }

    @Test
    @Order(1)
    void srvRecordsBecomeScrapedTargetsWithPrometheusMetaLabels() {
        awaitAddresses("node", Set.of(name("server01", server01), name("server02", server02)));
        relay.awaitAllUp("node", CHANGE_TIMEOUT);

        assertEquals(Map.of(
                "__address__", name("server01", server01),
                "__meta_dns_name", "node.prom.local",
                "__meta_dns_srv_record_target", "server01.prom.local.",
                "__meta_dns_srv_record_port", Integer.toString(server01.port()),
                "__metrics_path__", "/metrics",
                "__scheme__", "http",
                "__scrape_interval__", "1s",
                "__scrape_timeout__", "1s",
                "job", "node"), relay.discoveredLabels("node", name("server01", server01)));
        Map<Labels, Double> up = ExpositionSamples.parse(relay.federate("up{job=\"node\"}"));
        assertEquals(Map.of(
                Labels.of("__name__", "up", "job", "node", "instance", name("server01", server01)), 1.0,
                Labels.of("__name__", "up", "job", "node", "instance", name("server02", server02)), 1.0), up);
    }

    @Test
    @Order(2)
    void aAndMxRecordsUseTheConfiguredPort() {
        awaitAddresses("node-a", Set.of("127.0.0.1:" + server01.port()));
        awaitAddresses("node-mx", Set.of(name("server02", server02)));
        relay.awaitAllUp("node-a", CHANGE_TIMEOUT);

        assertEquals(Map.of("__meta_dns_name", "server01.prom.local"),
                StartedRelay.meta(relay.discoveredLabels("node-a", "127.0.0.1:" + server01.port())));
        assertEquals(Map.of("__meta_dns_name", "prom.local", "__meta_dns_mx_record_target", "server02.prom.local."),
                StartedRelay.meta(relay.discoveredLabels("node-mx", name("server02", server02))));
    }

    @Test
    @Order(3)
    void unreachableServerKeepsTargetsAndIsCountedThenARemovedRecordIsARemovedTarget() {
        awaitAddresses("node", Set.of(name("server01", server01), name("server02", server02)));
        double failuresBefore = dnsFailures();

        dnsmasq.close();
        Await.until("a counted DNS failure", CHANGE_TIMEOUT,
                () -> dnsFailures() > failuresBefore ? Optional.of(true) : Optional.empty(), relay::metrics);
        assertEquals(Set.of(name("server01", server01), name("server02", server02)), relay.addresses("node"));

        dnsmasq = startDnsmasq(false);
        awaitAddresses("node", Set.of(name("server01", server01)));
    }

    /** dnsmasq serving the SRV, A and MX records; without server02's SRV record when {@code withServer02} is false. */
    private static PeerProcess startDnsmasq(boolean withServer02) {
        String config = """
                port=%d
                listen-address=127.0.0.1
                bind-interfaces
                no-resolv
                no-hosts
                local=/prom.local/
                host-record=server01.prom.local,127.0.0.1
                host-record=server02.prom.local,127.0.0.1
                srv-host=node.prom.local,server01.prom.local,%d
                mx-host=prom.local,server02.prom.local,10
                """.formatted(dnsPort, server01.port())
                + (withServer02 ? "srv-host=node.prom.local,server02.prom.local," + server02.port() + "\n" : "");
        Path file = TestFiles.write(dir.resolve("dnsmasq-" + withServer02 + ".conf"), config);
        DnsClient probe = vertx.createDnsClient(dnsPort, "127.0.0.1");
        return PeerProcess.start(PeerBinary.DNSMASQ, List.of("--no-daemon", "--conf-file=" + file), dir,
                "answering on port " + dnsPort, () -> answers(probe));
    }

    private static boolean answers(DnsClient probe) {
        try {
            return !probe.resolveA("server01.prom.local").toCompletionStage().toCompletableFuture()
                    .get(2, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static String name(String host, PlainTargetServer server) {
        return host + ".prom.local:" + server.port();
    }

    private static void awaitAddresses(String job, Set<String> expected) {
        relay.awaitAddresses(job, expected, CHANGE_TIMEOUT, () -> dnsmasq == null ? "" : dnsmasq.describe());
    }

    private static double dnsFailures() {
        Matcher m = DNS_FAILURES.matcher(relay.metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
