package io.promrelay.it;

import static io.promrelay.testing.NodeExporterComparison.onlyMetrics;
import static io.promrelay.testing.NodeExporterComparison.outsideReads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.Http;
import io.promrelay.testing.NodeExporter;
import io.promrelay.testing.NodeExporterComparison;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.Promtool;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-exporter → relay → a real Prometheus federating from the relay's /federate: what Prometheus ends up
 * storing must be what node-exporter exposed, series for series.
 */
class FederationWithRealPrometheusTest {
    private static final String JOB = "node";
    private static final String SELECTOR = "{job=\"" + JOB + "\"}";

    // Served through node-exporter's textfile collector so that label values needing escapes and values
    // that stress float formatting are certainly in the payload.
    private static final String TEXTFILE = """
            # HELP promrelay_it_escaped_info Label values that need escaping in the text format.
            # TYPE promrelay_it_escaped_info gauge
            promrelay_it_escaped_info{path="C:\\\\Program Files\\\\relay",quote="say \\"hi\\"",\
            newline="one\\ntwo",unicode="grüße ✓"} 1
            # HELP promrelay_it_values Values that must survive float formatting unchanged.
            # TYPE promrelay_it_values gauge
            promrelay_it_values{case="tiny"} 1.5e-300
            promrelay_it_values{case="largest"} 1.7976931348623157e+308
            promrelay_it_values{case="negative"} -0.000123
            promrelay_it_values{case="third"} 0.3333333333333333
            promrelay_it_values{case="integer"} 123456789012345
            promrelay_it_values{case="plus_inf"} +Inf
            promrelay_it_values{case="minus_inf"} -Inf
            promrelay_it_values{case="nan"} NaN
            """;
    // Series whose value does not change while the test runs, so Prometheus must hold exactly node-exporter's value.
    private static final Set<String> CONSTANT_METRICS = Set.of("node_memory_MemTotal_bytes",
            "node_exporter_build_info", "node_uname_info", "node_os_info", "node_textfile_mtime_seconds",
            "promrelay_it_escaped_info", "promrelay_it_values");
    // Counters that move: the federated value must lie between a read before the relay started and one after.
    private static final Set<String> COUNTERS = Set.of("node_cpu_seconds_total", "node_context_switches_total",
            "node_intr_total", "node_forks_total");
    // Series a scrape records about itself; the relay federates them, node-exporter does not expose them.
    private static final Set<String> SCRAPE_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");
    // Prometheus's /federate writes no HELP lines, so the linter says this of every federated name.
    private static final String NO_HELP_TEXT = "no help text";
    private static final List<PeerBinary> PEERS =
            List.of(PeerBinary.NODE_EXPORTER, PeerBinary.PROMETHEUS, PeerBinary.PROMTOOL);
    private static final Duration FEDERATION_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(5);

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static NodeExporter nodeExporter;
    private static StartedRelay relay;
    private static PrometheusServer prometheus;
    private static Map<Labels, Double> readBeforeRelay;

    @BeforeAll
    static void startPeers() throws Exception {
        if (!PEERS.stream().allMatch(PeerBinary::isInstalled)) {
            return;
        }
        NodeExporterComparison.Started started = NodeExporterComparison.start(cleanup, dir, TEXTFILE);
        nodeExporter = started.nodeExporter();
        readBeforeRelay = started.firstRead();
        relay = cleanup.add(StartedRelay.startScrapingEverySecond(started.vertx(), dir.resolve("relay"), """
                  - job_name: %s
                    static_configs: [{targets: ["%s"]}]
                """.formatted(JOB, nodeExporter.address())));
        relay.awaitTarget(JOB, "up", target -> "up".equals(target.getString("health")));
        prometheus = cleanup.add(PrometheusServer.start(dir.resolve("prometheus"), """
                global: {scrape_interval: 1s, evaluation_interval: 1s}
                scrape_configs:
                  - job_name: federate
                    honor_labels: true
                    metrics_path: /federate
                    params: {'match[]': ['%s']}
                    static_configs: [{targets: ["%s"]}]
                """.formatted(SELECTOR, relay.address())));
        Await.until("Prometheus to federate node-exporter's series from the relay", FEDERATION_TIMEOUT,
                () -> Optional.of(prometheus.query("node_exporter_build_info")).filter(result -> !result.isEmpty()),
                () -> "federate job: " + prometheus.query("up{job=\"federate\"}").encode() + prometheus.describe());
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
    void prometheusStoresEverySeriesNodeExporterExposesWithJobAndInstance() {
        Set<Labels> federated = new HashSet<>(queryPrometheus(SELECTOR).keySet());
        federated.removeIf(labels -> SCRAPE_SERIES.contains(labels.metricName()));
        Set<Labels> exposed = withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape())).keySet();

        assertEquals(sorted(exposed), sorted(federated), "series federated into Prometheus" + diagnostics());
    }

    @Test
    void constantSeriesArriveWithExactlyTheExposedValue() {
        Map<Labels, Double> exposed =
                onlyMetrics(withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape())), CONSTANT_METRICS);
        Map<Labels, Double> federated = onlyMetrics(queryPrometheus(SELECTOR), CONSTANT_METRICS);

        assertEquals(CONSTANT_METRICS, exposed.keySet().stream().map(Labels::metricName).collect(Collectors.toSet()),
                "node-exporter should expose every constant metric the test compares");
        assertEquals(new TreeMap<>(exposed), new TreeMap<>(federated), "constant series" + diagnostics());
    }

    @Test
    void movingCountersArriveWithAValueNodeExporterHadMeanwhile() {
        Map<Labels, Double> federated = onlyMetrics(queryPrometheus(SELECTOR), COUNTERS);
        Map<Labels, Double> before = withTargetLabels(readBeforeRelay);
        Map<Labels, Double> after = withTargetLabels(ExpositionSamples.parse(nodeExporter.scrape()));

        assertFalse(federated.isEmpty(), "no counters federated" + diagnostics());
        assertEquals(List.of(), outsideReads(federated, before, after), "counter values not between two node-exporter reads");
    }

    @Test
    void relayReportsTheNodeExporterTargetUpThroughFederation() {
        assertEquals(Map.of(Labels.of("__name__", "up", "job", JOB, "instance", nodeExporter.address()), 1.0),
                queryPrometheus("up" + SELECTOR));
    }

    @Test
    void federateOutputPassesPromtoolWithNoLintOfItsOwn() {
        Set<String> ownLint = Promtool.checkMetrics(nodeExporter.scrape()).problems().stream()
                .map(Promtool.Problem::metric)
                .collect(Collectors.toSet());
        Promtool.Result federated = Promtool.checkMetrics(relay.federate(SELECTOR));

        assertTrue(federated.exitCode() == 0 || federated.exitCode() == Promtool.LINT_PROBLEMS,
                "promtool exit " + federated.exitCode() + ": " + federated.output());
        List<Promtool.Problem> newLint = federated.problems().stream()
                .filter(problem -> !problem.text().equals(NO_HELP_TEXT))
                .filter(problem -> !ownLint.contains(problem.metric()))
                .toList();
        assertEquals(List.of(), newLint, "lint beyond node-exporter's own names:\n" + federated.output());
    }

    @Test
    void federateTimestampsAreRecentMilliseconds() {
        long now = System.currentTimeMillis();
        List<String> wrong = relay.federate(SELECTOR).lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .filter(line -> {
                    long timestamp = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                    return Math.abs(now - timestamp) > TIMESTAMP_TOLERANCE.toMillis();
                })
                .toList();
        assertEquals(List.of(), wrong, "sample lines without a current millisecond timestamp");
    }

    @Test
    void ownMetricsPassPromtoolWithoutLint() {
        Promtool.Result own = Promtool.checkMetrics(Http.getOk(relay.uri("/metrics")));

        assertEquals(0, own.exitCode(), own.output());
    }

    private static Map<Labels, Double> queryPrometheus(String promql) {
        JsonArray result = prometheus.query(promql);
        Map<Labels, Double> samples = new TreeMap<>();
        for (Object entry : result) {
            JsonObject series = (JsonObject) entry;
            Map<String, String> labels = new TreeMap<>();
            series.getJsonObject("metric").forEach(label -> labels.put(label.getKey(), (String) label.getValue()));
            samples.put(Labels.fromMap(labels),
                    ExpositionSamples.parseValue(series.getJsonArray("value").getString(1)));
        }
        return samples;
    }

    private static Map<Labels, Double> withTargetLabels(Map<Labels, Double> exposed) {
        return NodeExporterComparison.withTargetLabels(exposed, JOB, nodeExporter.address());
    }

    private static List<String> sorted(Set<Labels> series) {
        return series.stream().sorted().map(Labels::toString).toList();
    }

    private static String diagnostics() {
        return nodeExporter.describe() + prometheus.describe();
    }
}
