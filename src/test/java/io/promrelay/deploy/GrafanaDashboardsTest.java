package io.promrelay.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ClosedPort;
import io.promrelay.testing.FakeRemoteWriteReceiver;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.SharedFixtures;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of every dashboard in grafana/dashboards/, sent the way Grafana sends it (variables expanded, as an
 * instant query for stat panels' "last value" and as a range query for time series), to a relay that scraped the
 * real exporter payloads of the shared fixtures under the job names a cluster has, itself, a target that is down,
 * and that forwards by remote write: each must answer without error and with at least one series.
 */
class GrafanaDashboardsTest {
    private static final Path DASHBOARDS = Paths.get("grafana", "dashboards");
    /** Grafana's built-in interval variables, as a dashboard over the last hour with a 15s step expands them. */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__interval_ms", "15000",
            "__range", "1h", "__range_s", "3600", "__range_ms", "3600000");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)|\\[\\[(\\w+)]]");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");
    private static final long STEP_SECONDS = 15;
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Path exposition = SharedFixtures.require("exposition");
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        FakeRemoteWriteReceiver receiver = cleanup.add(FakeRemoteWriteReceiver.start(vertx));
        int relayPort = ClosedPort.number();
        // cAdvisor stamps its samples; the fixture's stamps are from the day it was recorded, so the kubelet job
        // takes scrape time instead, as if the kubelet had been scraped now.
        String config = """
                promrelay:
                  listen_address: 127.0.0.1:%d
                  retention: 2h
                global: {scrape_interval: 500ms, scrape_timeout: 400ms}
                scrape_configs:
                  - job_name: promrelay
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                  - job_name: node-exporter
                    static_configs: [{targets: ["%s"]}]
                  - job_name: kubelet
                    metrics_path: /metrics/cadvisor
                    honor_timestamps: false
                    static_configs: [{targets: ["%s"]}]
                  - job_name: kube-scheduler
                    static_configs: [{targets: ["%s"]}]
                  - job_name: kube-controller-manager
                    static_configs: [{targets: ["%s"]}]
                  - job_name: etcd
                    static_configs: [{targets: ["%s"]}]
                  - job_name: kube-proxy
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                remote_write:
                  - url: %s
                """.formatted(relayPort, relayPort,
                serve(vertx, exposition.resolve("node_exporter.prom")),
                serve(vertx, exposition.resolve("kubelet_cadvisor.prom")),
                serve(vertx, exposition.resolve("kube_scheduler.prom")),
                serve(vertx, exposition.resolve("kube_controller_manager.prom")),
                serve(vertx, exposition.resolve("etcd.prom")),
                ClosedPort.number(), receiver.url());
        relay = cleanup.add(StartedRelay.start(vertx, dir, config));
        // rate() needs two samples in its window: three scrapes of every target, and two self-scrapes that
        // already counted the down target's failures.
        awaitAtLeast("min(count_over_time(up[1m]))", 3);
        awaitAtLeast("min(count_over_time(promrelay_scrape_failures_total[1m]))", 2);
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryAnswersWithData() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonObject dashboard = new JsonObject(Files.readString(file));
            Map<String, String> variables = variables(file, dashboard);
            for (JsonObject panel : panels(dashboard.getJsonArray("panels"))) {
                for (Object t : panel.getJsonArray("targets", new JsonArray())) {
                    JsonObject target = (JsonObject) t;
                    String where = file.getFileName() + " / panel \"" + panel.getString("title") + "\" / "
                            + target.getString("refId");
                    String expr = expand(target.getString("expr"), variables, where);
                    tests.add(DynamicTest.dynamicTest(where, () -> {
                        assertEquals("${datasource}", panel.getJsonObject("datasource").getString("uid"),
                                where + ": panels query the dashboard's datasource variable");
                        assertHasData(where, expr, instant(expr));
                        assertHasData(where, expr, range(expr));
                    }));
                }
            }
        }
        assertFalse(tests.isEmpty(), "no panel targets in " + DASHBOARDS.toAbsolutePath());
        return tests.stream();
    }

    /** Grafana asks for label_values(metric, label) as /api/v1/label/label/values?match[]=metric. */
    @TestFactory
    Stream<DynamicTest> everyVariableQueryOffersValues() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            for (Object v : new JsonObject(Files.readString(file)).getJsonObject("templating").getJsonArray("list")) {
                JsonObject variable = (JsonObject) v;
                if (!"query".equals(variable.getString("type"))) {
                    continue;
                }
                String where = file.getFileName() + " / variable " + variable.getString("name");
                String definition = variable.getString("definition");
                tests.add(DynamicTest.dynamicTest(where, () -> {
                    Matcher m = LABEL_VALUES.matcher(definition);
                    assertTrue(m.matches(), where + ": expected label_values(metric, label), got " + definition);
                    JsonObject answer = new JsonObject(Http.getOk(relay.uri("/api/v1/label/" + m.group(2)
                            + "/values?match%5B%5D=" + encode(m.group(1)))));
                    assertFalse(answer.getJsonArray("data").isEmpty(), where + ": no values for " + definition);
                }));
            }
        }
        return tests.stream();
    }

    private static List<Path> dashboardFiles() throws IOException {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            List<Path> json = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertFalse(json.isEmpty(), "no dashboards in " + DASHBOARDS.toAbsolutePath());
            return json;
        }
    }

    private static String serve(Vertx vertx, Path payload) throws IOException {
        return cleanup.add(FakeTarget.start(vertx, Answer.text(Files.readString(payload)))).address();
    }

    private static void awaitAtLeast(String expr, double minimum) {
        JsonObject[] last = new JsonObject[1];
        Await.until(expr + " >= " + minimum, Duration.ofSeconds(20), () -> {
            last[0] = instant(expr);
            JsonArray result = last[0].getJsonObject("data", new JsonObject()).getJsonArray("result", new JsonArray());
            return Optional.of(result).filter(r -> !r.isEmpty()
                    && Double.parseDouble(r.getJsonObject(0).getJsonArray("value").getString(1)) >= minimum);
        }, () -> "last answer: " + last[0]);
    }

    /** Each template variable at the dashboard's default, "All", which Grafana expands to the allValue. */
    private static Map<String, String> variables(Path file, JsonObject dashboard) {
        Map<String, String> values = new HashMap<>(BUILT_INS);
        for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
            JsonObject variable = (JsonObject) v;
            if ("datasource".equals(variable.getString("type"))) {
                assertEquals("prometheus", variable.getString("query"), file + ": datasource variable's plugin");
                continue;
            }
            assertTrue(variable.getBoolean("includeAll", false) && variable.getString("allValue") != null,
                    file + ": variable " + variable.getString("name") + " needs includeAll with an allValue");
            values.put(variable.getString("name"), variable.getString("allValue"));
        }
        return values;
    }

    /** Panels, including those inside collapsed rows. */
    private static List<JsonObject> panels(JsonArray list) {
        List<JsonObject> panels = new ArrayList<>();
        for (Object p : list) {
            JsonObject panel = (JsonObject) p;
            if ("row".equals(panel.getString("type"))) {
                panels.addAll(panels(panel.getJsonArray("panels", new JsonArray())));
            } else {
                panels.add(panel);
            }
        }
        return panels;
    }

    private static String expand(String expr, Map<String, String> variables, String where) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = Stream.of(m.group(1), m.group(2), m.group(3)).filter(g -> g != null).findFirst().orElseThrow();
            String value = variables.get(name);
            if (value == null) {
                fail(where + ": expr uses $" + name + ", which is neither a Grafana built-in nor a dashboard variable: " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static JsonObject instant(String expr) {
        return new JsonObject(Http.post(relay.uri("/api/v1/query"),
                form("query=" + encode(expr) + "&time=" + System.currentTimeMillis() / 1000.0),
                "Content-Type", FORM).body());
    }

    /** The last five minutes on a 15s grid, the end rounded up to the step as Grafana aligns it. */
    private static JsonObject range(String expr) {
        long end = (System.currentTimeMillis() / 1000 / STEP_SECONDS + 1) * STEP_SECONDS;
        return new JsonObject(Http.post(relay.uri("/api/v1/query_range"),
                form("query=" + encode(expr) + "&start=" + (end - 300) + "&end=" + end + "&step=" + STEP_SECONDS),
                "Content-Type", FORM).body());
    }

    private static void assertHasData(String where, String expr, JsonObject answer) {
        assertEquals("success", answer.getString("status"), where + ": query failed: " + expr + "\n" + answer);
        JsonObject data = answer.getJsonObject("data");
        if ("scalar".equals(data.getString("resultType"))) {
            return;
        }
        assertFalse(data.getJsonArray("result").isEmpty(),
                where + ": no series for " + data.getString("resultType") + " query " + expr);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] form(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
