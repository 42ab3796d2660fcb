package io.promrelay.it;

import static io.promrelay.testing.NodeExporterComparison.only;
import static io.promrelay.testing.NodeExporterComparison.onlyMetrics;
import static io.promrelay.testing.NodeExporterComparison.outsideReads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.promrelay.WebSettings;
import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.Http;
import io.promrelay.testing.NodeExporter;
import io.promrelay.testing.NodeExporterComparison;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.StartedRelay;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-exporter → a real Prometheus in agent mode → remote write into the relay → the relay's /federate: what
 * the relay serves must be what node-exporter exposed, series for series.
 */
class RemoteWriteFromPrometheusAgentTest {
    private static final String JOB = "node";
    private static final String SELECTOR = "{job=\"" + JOB + "\"}";
    private static final String TEXTFILE = """
            # HELP promrelay_it_pushed Values that must arrive bit for bit through remote write.
            # TYPE promrelay_it_pushed gauge
            promrelay_it_pushed{case="tiny",quote="say \\"hi\\""} 1.5e-300
            promrelay_it_pushed{case="largest",unicode="grüße ✓"} 1.7976931348623157e+308
            promrelay_it_pushed{case="negative"} -0.000123
            promrelay_it_pushed{case="plus_inf"} +Inf
            promrelay_it_pushed{case="nan"} NaN
            """;
    private static final Set<String> CONSTANT_METRICS = Set.of("node_memory_MemTotal_bytes",
            "node_exporter_build_info", "node_uname_info", "node_os_info", "promrelay_it_pushed");
    private static final Set<String> COUNTERS = Set.of("node_cpu_seconds_total", "node_context_switches_total",
            "node_intr_total", "node_forks_total");
    // Series the agent records about each scrape and pushes along; node-exporter does not expose them.
    private static final Set<String> SCRAPE_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");
    private static final List<PeerBinary> PEERS = List.of(PeerBinary.NODE_EXPORTER, PeerBinary.PROMETHEUS);
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static NodeExporter nodeExporter;
    private static StartedRelay relay;
    private static PrometheusServer agent;
    private static Map<Labels, Double> readBeforeAgent;

    @BeforeAll
    static void startPeers() throws Exception {
        if (!PEERS.stream().allMatch(PeerBinary::isInstalled)) {
            return;
        }
        NodeExporterComparison.Started started = NodeExporterComparison.start(cleanup, dir, TEXTFILE);
        nodeExporter = started.nodeExporter();
        readBeforeAgent = started.firstRead();
        relay = cleanup.add(StartedRelay.start(started.vertx(), dir.resolve("relay"), """
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 2h
                scrape_configs: []
                """, WebSettings.RECEIVER_ENABLED));
        agent = cleanup.add(PrometheusServer.startAgent(dir.resolve("agent"), """
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: %s
                    static_configs: [{targets: ["%s"]}]
                remote_write:
                  - url: http://%s/api/v1/write
                    queue_config: {batch_send_deadline: 1s, min_backoff: 100ms, max_backoff: 1s}
                    metadata_config: {send_interval: 1s}
                """.formatted(JOB, nodeExporter.address(), relay.address())));
        Set<Labels> exposed = withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape())).keySet();
        Await.until("the agent to push every series node-exporter exposes into the relay", ARRIVAL_TIMEOUT,
                () -> Optional.of(federated().keySet()).filter(f -> f.containsAll(exposed)),
                () -> "relay has " + federated().size() + " of " + exposed.size() + " series; relay's remote-write"
                        + " counters: " + writeCounters() + agent.describe());
    }

    // An assumption failing in @BeforeAll leaves no trace in surefire's report; failing it per test shows
    // every test as skipped with the package to install.
    @BeforeEach
    void requirePeers() {
        PEERS.forEach(PeerBinary::locate);
    }

    @AfterAll
    static void stopPeers() throws Exception {
        cleanup.close();
    }

    @Test
    void relayServesEverySeriesNodeExporterExposesAndNothingElse() {
        Set<Labels> pushed = new TreeSet<>(federated().keySet());
        pushed.removeIf(labels -> SCRAPE_SERIES.contains(labels.metricName()));
        Set<Labels> exposed = new TreeSet<>(withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape())).keySet());

        assertEquals(exposed, pushed, "series pushed into the relay" + diagnostics());
    }

    @Test
    void constantSeriesArriveWithExactlyTheExposedValue() {
        Map<Labels, Double> exposed =
                onlyMetrics(withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape())), CONSTANT_METRICS);
        Map<Labels, Double> pushed = onlyMetrics(federated(), CONSTANT_METRICS);

        assertEquals(CONSTANT_METRICS, exposed.keySet().stream().map(Labels::metricName).collect(Collectors.toSet()),
                "node-exporter should expose every constant metric the test compares");
        assertEquals(new TreeMap<>(exposed), new TreeMap<>(pushed), "constant series" + diagnostics());
    }

    @Test
    void movingCountersArriveWithAValueNodeExporterHadMeanwhile() {
        Map<Labels, Double> pushed = onlyMetrics(federated(), COUNTERS);
        Map<Labels, Double> before = withTargetLabels(readBeforeAgent);
        Map<Labels, Double> after = withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape()));

        assertFalse(pushed.isEmpty(), "no counters pushed" + diagnostics());
        assertEquals(List.of(), outsideReads(pushed, before, after), "counter values not between two node-exporter reads");
    }

    @Test
    void theAgentsTargetIsUpAndEveryRequestWasAccepted() {
        assertEquals(Map.of(Labels.of("__name__", "up", "job", JOB, "instance", nodeExporter.address()), 1.0),
                only(federated(), labels -> labels.metricName().equals("up")));
        List<String> counters = writeCounters();
        assertFalse(counters.isEmpty(), "no remote-write requests counted");
        assertEquals(List.of(), counters.stream().filter(line -> !line.contains("code=\"204\"")).toList(),
                "remote-write requests not answered 204");
    }

    private static Map<Labels, Double> federated() {
        return ExpositionSamples.parse(relay.federate(SELECTOR));
    }

    private static List<String> writeCounters() {
        return Http.getOk(relay.uri("/metrics")).lines()
                .filter(line -> line.startsWith("promrelay_remote_write_requests_total"))
                .toList();
    }

    private static Map<Labels, Double> withTargetLabels(Map<Labels, Double> exposed) {
        return NodeExporterComparison.withTargetLabels(exposed, JOB, nodeExporter.address());
    }

    private static String diagnostics() {
        return "\n" + agent.describe() + "\n" + nodeExporter.describe();
    }
}
