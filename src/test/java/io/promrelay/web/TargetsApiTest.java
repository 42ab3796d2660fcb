package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** /api/v1/targets in Prometheus's JSON shape, its state filter, dropped targets, and that it keeps secrets. */
class TargetsApiTest {
    private static final String DROPPED_ADDRESS = "dropped.example:9100";
    private static final String INLINE_TOKEN = "inline-tok3n-never-shown";
    private static final String BASIC_PASSWORD = "basic-passw0rd-never-shown";
    private static final String LEGACY_TOKEN = "legacy-tok3n-never-shown";
    private static final String BASIC_USER = "relay-user";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static final Instant started = Instant.now();
    private static FakeTarget shape;
    private static FakeTarget bearer;
    private static FakeTarget basic;
    private static FakeTarget refusing;
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        shape = cleanup.add(FakeTarget.start(vertx, Answer.text("shape_metric 1\n")));
        bearer = cleanup.add(FakeTarget.start(vertx, Answer.text("bearer_metric 1\n")));
        basic = cleanup.add(FakeTarget.start(vertx, Answer.text("basic_metric 1\n")));
        refusing = cleanup.add(FakeTarget.start(vertx, Answer.status(401)));
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 500ms, scrape_timeout: 400ms}
                scrape_configs:
                  - job_name: shape
                    relabel_configs: [{source_labels: [__address__], regex: 'dropped\\.example:.*', action: drop}]
                    static_configs: [{targets: ["%s", "%s"], labels: {team: blue}}]
                  - job_name: bearer-inline
                    authorization: {credentials: "%s"}
                    static_configs: [{targets: ["%s"]}]
                  - job_name: basic-inline
                    basic_auth: {username: %s, password: "%s"}
                    static_configs: [{targets: ["%s"]}]
                  - job_name: legacy-bearer
                    bearer_token: "%s"
                    static_configs: [{targets: ["%s"]}]
                """.formatted(shape.address(), DROPPED_ADDRESS, INLINE_TOKEN, bearer.address(), BASIC_USER,
                BASIC_PASSWORD, basic.address(), LEGACY_TOKEN, refusing.address())));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void activeTargetHasEveryFieldPrometheusGives() {
        JsonObject target = relay.awaitTarget("shape", "up", t -> "up".equals(t.getString("health")));

        assertEquals(Map.of("__address__", shape.address(), "__metrics_path__", "/metrics", "__scheme__", "http",
                "__scrape_interval__", "500ms", "__scrape_timeout__", "400ms", "job", "shape", "team", "blue"),
                target.getJsonObject("discoveredLabels").getMap());
        assertEquals(Map.of("instance", shape.address(), "job", "shape", "team", "blue"),
                target.getJsonObject("labels").getMap());
        assertEquals("shape", target.getString("scrapePool"));
        assertEquals("http://" + shape.address() + "/metrics", target.getString("scrapeUrl"));
        assertTrue(target.getString("globalUrl").endsWith(":" + shape.address().split(":")[1] + "/metrics"),
                target.encodePrettily());
        assertEquals("", target.getString("lastError"));
        Instant lastScrape = OffsetDateTime.parse(target.getString("lastScrape")).toInstant();
        assertFalse(lastScrape.isBefore(started) || lastScrape.isAfter(Instant.now()), "lastScrape " + lastScrape);
        assertTrue(target.getDouble("lastScrapeDuration") > 0, target.encodePrettily());
        assertEquals("500ms", target.getString("scrapeInterval"));
        assertEquals("400ms", target.getString("scrapeTimeout"));
    }

    @Test
    void answerHasTheApiEnvelope() {
        JsonObject answer = targets("");

        assertEquals("success", answer.getString("status"));
        assertTrue(answer.getJsonObject("data").getValue("activeTargets") instanceof JsonArray, answer.encode());
        assertTrue(answer.getJsonObject("data").getValue("droppedTargets") instanceof JsonArray, answer.encode());
    }

    @Test
    void targetDroppedByRelabelingIsListedWithItsDiscoveredLabels() {
        JsonObject data = targets("?state=any").getJsonObject("data");

        List<Map<String, Object>> dropped = labelsOf(data.getJsonArray("droppedTargets"), "discoveredLabels");
        assertTrue(dropped.contains(Map.of("__address__", DROPPED_ADDRESS, "__metrics_path__", "/metrics",
                "__scheme__", "http", "__scrape_interval__", "500ms", "__scrape_timeout__", "400ms", "job", "shape",
                "team", "blue")), dropped.toString());
        assertTrue(labelsOf(data.getJsonArray("activeTargets"), "discoveredLabels").stream()
                .noneMatch(labels -> DROPPED_ADDRESS.equals(labels.get("__address__"))), data.encodePrettily());
    }

    @ParameterizedTest
    @CsvSource({"active, true, false", "dropped, false, true", "any, true, true", "'', true, true"})
    void stateSelectsActiveDroppedOrBoth(String state, boolean active, boolean dropped) {
        JsonObject data = targets(state.isEmpty() ? "" : "?state=" + state).getJsonObject("data");

        assertEquals(active, !data.getJsonArray("activeTargets").isEmpty(), data.encodePrettily());
        assertEquals(dropped, !data.getJsonArray("droppedTargets").isEmpty(), data.encodePrettily());
    }

    @ParameterizedTest
    @ValueSource(strings = {"all", "Active", "up"})
    void unknownStateAnswers400(String state) {
        Http.Response response = Http.get(relay.uri("/api/v1/targets?state=" + state));

        assertEquals(400, response.status(), response.body());
        JsonObject answer = new JsonObject(response.body());
        assertEquals("error", answer.getString("status"));
        assertTrue(answer.getString("error").contains(state), answer.encode());
    }

    @Test
    void credentialsAreSentToTargets() {
        relay.awaitTarget("bearer-inline", "up", t -> "up".equals(t.getString("health")));
        relay.awaitTarget("basic-inline", "up", t -> "up".equals(t.getString("health")));
        relay.awaitTarget("legacy-bearer", "down", t -> "down".equals(t.getString("health")));

        assertEquals("Bearer " + INLINE_TOKEN, authorizationReceivedBy(bearer));
        assertEquals("Basic " + basicCredentials(), authorizationReceivedBy(basic));
        assertEquals("Bearer " + LEGACY_TOKEN, authorizationReceivedBy(refusing));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/targets", "/api/v1/targets?state=any", "/api/v1/targets?state=dropped",
        "/metrics", "/federate?match[]=%7B__name__%3D~%22.%2B%22%7D"})
    void noAnswerShowsACredential(String pathAndQuery) {
        relay.awaitTarget("legacy-bearer", "down", t -> "down".equals(t.getString("health")));
        relay.awaitTarget("basic-inline", "up", t -> "up".equals(t.getString("health")));
        String body = Http.getOk(relay.uri(pathAndQuery));

        for (String secret : List.of(INLINE_TOKEN, BASIC_PASSWORD, LEGACY_TOKEN, basicCredentials())) {
            assertFalse(body.contains(secret), pathAndQuery + " shows a credential:\n" + body);
        }
        assertFalse(body.isEmpty(), pathAndQuery);
    }

    private static String authorizationReceivedBy(FakeTarget target) {
        return Await.until("a scrape request", WAIT,
                () -> target.lastRequestHeaders().map(headers -> headers.get("Authorization")),
                () -> "no Authorization header seen");
    }

    private static String basicCredentials() {
        return Base64.getEncoder().encodeToString((BASIC_USER + ":" + BASIC_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static JsonObject targets(String query) {
        return new JsonObject(Http.getOk(relay.uri("/api/v1/targets" + query)));
    }

    private static List<Map<String, Object>> labelsOf(JsonArray targets, String field) {
        return targets.stream().map(JsonObject.class::cast).map(t -> t.getJsonObject(field).getMap()).toList();
    }
}
