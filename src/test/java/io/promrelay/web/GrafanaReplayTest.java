package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.SharedFixtures;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The requests Grafana 10's Prometheus datasource sends, as it sends them (URL-encoded the way Grafana encodes,
 * POST form bodies when the datasource's HTTP method is POST as in grafana/datasource.yml), each answered in
 * the shape Grafana's parser reads.
 */
class GrafanaReplayTest {
    private static final String FORM = "application/x-www-form-urlencoded";

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static StartedRelay relay;
    private static long now;

    @BeforeAll
    static void start() throws Exception {
        Path payload = SharedFixtures.require("exposition/node_exporter.prom");
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        FakeTarget node = cleanup.add(FakeTarget.start(vertx, Answer.text(Files.readString(payload))));
        relay = cleanup.add(StartedRelay.startScrapingEverySecond(vertx, dir, """
                  - job_name: node
                    static_configs: [{targets: ["%s"]}]
                """.formatted(node.address())));
        Await.until("two scrapes of node_cpu_seconds_total", Duration.ofSeconds(30), () -> {
            JsonObject answer = new JsonObject(Http.getOk(relay.uri(
                    "/api/v1/query?query=count_over_time(node_cpu_seconds_total%7Bcpu%3D%220%22%2Cmode%3D%22idle%22%7D%5B1m%5D)")));
            JsonArray result = answer.getJsonObject("data").getJsonArray("result");
            return Optional.of(result).filter(r -> !r.isEmpty()
                    && Double.parseDouble(r.getJsonObject(0).getJsonArray("value").getString(1)) >= 2);
        }, () -> "fewer than two scrapes");
        now = System.currentTimeMillis() / 1000;
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void saveAndTestHealthCheck() {
        JsonObject get = ok(Http.get(relay.uri("/api/v1/query?query=1+%2B+1&time=" + now)));
        assertEquals(new JsonObject().put("resultType", "scalar").put("result", new JsonArray().add(now).add("2")),
                get.getJsonObject("data"));
        JsonObject post = ok(Http.post(relay.uri("/api/v1/query"), body("query=1%2B1&time=" + now), "Content-Type", FORM));
        assertEquals(get, post);
        JsonObject build = ok(Http.get(relay.uri("/api/v1/status/buildinfo"))).getJsonObject("data");
        assertTrue(build.getString("version").matches("2\\.\\d+\\.\\d+"), "a semver Grafana can compare: " + build);
    }

    @Test
    void metricAndLabelBrowsers() {
        String range = "start=" + (now - 3600) + "&end=" + now;
        JsonArray labels = ok(Http.post(relay.uri("/api/v1/labels"), body(range), "Content-Type", FORM)).getJsonArray("data");
        assertTrue(labels.contains("__name__") && labels.contains("mode"), labels.encode());
        JsonArray names = ok(Http.get(relay.uri("/api/v1/label/__name__/values?" + range))).getJsonArray("data");
        assertTrue(names.contains("node_cpu_seconds_total"), "metric browser lists metric names");
        names.forEach(name -> assertTrue(name instanceof String));
        JsonArray modes = ok(Http.get(relay.uri("/api/v1/label/mode/values?match%5B%5D=node_cpu_seconds_total&"
                + range))).getJsonArray("data");
        assertTrue(modes.contains("idle") && modes.contains("user"), modes.encode());
        JsonArray series = ok(Http.post(relay.uri("/api/v1/series"),
                body("match%5B%5D=node_cpu_seconds_total%7Bcpu%3D%220%22%7D&" + range), "Content-Type", FORM))
                .getJsonArray("data");
        assertFalse(series.isEmpty());
        series.forEach(s -> assertEquals("0", ((JsonObject) s).getString("cpu")));
        JsonObject metadata = ok(Http.get(relay.uri("/api/v1/metadata"))).getJsonObject("data");
        JsonObject cpu = metadata.getJsonArray("node_cpu_seconds_total").getJsonObject(0);
        assertEquals("counter", cpu.getString("type"));
        assertTrue(cpu.containsKey("help") && cpu.containsKey("unit"));
    }

    @Test
    void dashboardPanelRangeQueryWithExpandedRateInterval() {
        long step = 15;
        long end = (now / step + 1) * step;
        for (String interval : new String[] {"1m0s", "60s", "4m"}) {
            String query = "sum by (mode) (rate(node_cpu_seconds_total%7Bjob%3D%22node%22%7D%5B" + interval + "%5D))";
            JsonObject data = ok(Http.post(relay.uri("/api/v1/query_range"),
                    body("query=" + query + "&start=" + (end - 300) + "&end=" + end + "&step=" + step),
                    "Content-Type", FORM)).getJsonObject("data");
            assertEquals("matrix", data.getString("resultType"));
            JsonArray result = data.getJsonArray("result");
            assertFalse(result.isEmpty(), interval);
            for (Object o : result) {
                JsonObject series = (JsonObject) o;
                assertEquals(1, series.getJsonObject("metric").size(), "only the mode label: " + series.getJsonObject("metric"));
                for (Object p : series.getJsonArray("values")) {
                    JsonArray point = (JsonArray) p;
                    assertEquals(0, point.getLong(0) % step, "points on the step grid");
                    Double.parseDouble(point.getString(1));
                }
            }
        }
    }

    @Test
    void exemplarQueryOfAPanelIsAnsweredWithAnEmptyList() {
        JsonObject answer = ok(Http.post(relay.uri("/api/v1/query_exemplars"),
                body("query=rate(node_cpu_seconds_total%5B1m%5D)&start=" + (now - 3600) + "&end=" + now),
                "Content-Type", FORM));
        assertEquals(new JsonArray(), answer.getJsonArray("data"));
    }

    private static JsonObject ok(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        assertEquals("application/json", response.header("Content-Type"));
        JsonObject answer = new JsonObject(response.body());
        assertEquals("success", answer.getString("status"));
        return answer;
    }

    private static byte[] body(String form) {
        return form.getBytes(StandardCharsets.UTF_8);
    }
}
