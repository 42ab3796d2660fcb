package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import io.promrelay.testing.Await;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.FakeRemoteWriteReceiver;
import io.promrelay.testing.FakeRemoteWriteReceiver.Received;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the config of a running relay through {@code POST /-/reload}: what an operator sees of jobs, buffer,
 * forwarding and the reload metrics. The SIGHUP path and {@code /-/quit} are in {@link RelayProcessLifecycleTest}.
 */
class ConfigReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String STEADY_SERIES = "rw_test_total{job=\"steady\",n=\"1\"}";

    @TempDir
    Path dir;

    private Vertx vertx;
    private CountingTarget steadyTarget;
    private CountingTarget changingTarget;
    private CountingTarget addedTarget;
    private FakeRemoteWriteReceiver receiver;

    @BeforeEach
    void startPeers() {
        vertx = Vertx.vertx();
        steadyTarget = CountingTarget.start(vertx);
        changingTarget = CountingTarget.start(vertx);
        addedTarget = CountingTarget.start(vertx);
        receiver = FakeRemoteWriteReceiver.start(vertx);
    }

    @AfterEach
    void stopPeers() {
        receiver.close();
        steadyTarget.close();
        changingTarget.close();
        addedTarget.close();
        vertx.close();
    }

    /** The config under test: the steady job and the receiver never change; the rest is the test's. */
    private String config(String site, String changingTimeout, boolean withChanging, boolean withAdded) {
        StringBuilder yaml = new StringBuilder("""
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 2h
                global:
                  scrape_interval: 1s
                  external_labels: {site: %s}
                scrape_configs:
                  - job_name: steady
                    static_configs: [{targets: ["%s"]}]
                """.formatted(site, steadyTarget.address()));
        if (withChanging) {
            yaml.append("""
                      - job_name: changing
                        scrape_timeout: %s
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(changingTimeout, changingTarget.address()));
        }
        if (withAdded) {
            yaml.append("""
                      - job_name: added
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(addedTarget.address()));
        }
        yaml.append("""
                remote_write:
                  - url: %s
                    name: receiver
                    queue_config: {batch_send_deadline: 200ms}
                """.formatted(receiver.url()));
        return yaml.toString();
    }

    @Test
    void reloadKeepsUnchangedJobAndEndpointRunningAndAppliesTheRest() throws Exception {
        try (StartedRelay relay = StartedRelay.startWithLifecycleApi(vertx, dir, config("a", "900ms", true, false))) {
            awaitReceived("steady", 3);
            awaitReceived("changing", 3);
            double successBefore = relay.metric("promrelay_config_last_reload_success_timestamp_seconds", "").orElseThrow();
            double sentBefore = sentByEndpoint(relay);
            long reloadedAt = System.currentTimeMillis();

            TestFiles.write(dir.resolve("promrelay.yml"), config("a", "800ms", true, true));
            Http.Response reload = post(relay, "/-/reload");

            assertEquals(200, reload.status(), reload.body());
            assertEquals("", reload.body());
            assertTrue(sentByEndpoint(relay) >= sentBefore,
                    "the endpoint's sent count went on from " + sentBefore + ": " + sentByEndpoint(relay));
            assertEquals(1.0, relay.metric("promrelay_config_last_reload_successful", "").orElseThrow());
            assertTrue(relay.metric("promrelay_config_last_reload_success_timestamp_seconds", "").orElseThrow()
                    > successBefore);
            relay.awaitAllUp("added", WAIT);
            assertEquals(Set.of(steadyTarget.address()), relay.addresses("steady"));
            assertEquals(Set.of(changingTarget.address()), relay.addresses("changing"));
            awaitReceivedAfter("steady", reloadedAt, 3);
            awaitReceivedAfter("changing", reloadedAt, 2);

            List<Received> steady = received("steady");
            assertConsecutiveFromFirstScrape(steady);
            assertTrue(steady.stream().anyMatch(s -> s.timestamp() < reloadedAt)
                    && steady.stream().anyMatch(s -> s.timestamp() > reloadedAt), "samples span the reload: " + steady);
            assertTrue(received("changing").stream().anyMatch(s -> s.valueBits() == StaleNaN.BITS),
                    "the changed job's old loop marked its series stale: " + received("changing"));
            List<Double> buffered = bufferValues(relay, STEADY_SERIES);
            List<Double> sentBeforeReload = steady.stream().filter(s -> s.timestamp() < reloadedAt)
                    .map(Received::value).toList();
            assertEquals(sentBeforeReload, buffered.subList(0, sentBeforeReload.size()),
                    "the buffer still holds what was scraped before the reload");
            assertTrue(configYaml(relay).contains("job_name: added"), configYaml(relay));
        }
    }

    @Test
    void invalidConfigIsRefusedAndTheRunningOneStays() throws Exception {
        try (StartedRelay relay = StartedRelay.startWithLifecycleApi(vertx, dir, config("a", "900ms", true, false))) {
            awaitReceived("steady", 2);

            TestFiles.write(dir.resolve("promrelay.yml"), config("a", "900ms", true, false)
                    .replace("job_name: changing", "job_name: [changing"));
            Http.Response syntax = post(relay, "/-/reload");

            assertEquals(500, syntax.status());
            assertTrue(syntax.body().startsWith("failed to reload config: " + dir.resolve("promrelay.yml") + ":"),
                    syntax.body());
            assertEquals(0.0, relay.metric("promrelay_config_last_reload_successful", "").orElseThrow());

            TestFiles.write(dir.resolve("promrelay.yml"), config("a", "900ms", true, true)
                    .replace("job_name: added", "job_name: added\n    scrape_intervall: 5s"));
            Http.Response unknownKey = post(relay, "/-/reload");

            assertEquals(500, unknownKey.status());
            assertTrue(unknownKey.body().contains("scrape_intervall"), unknownKey.body());
            assertEquals(0.0, relay.metric("promrelay_config_last_reload_successful", "").orElseThrow());
            assertTrue(relay.target("added").isEmpty(), "nothing of the refused file was applied");
            long refusedAt = System.currentTimeMillis();
            awaitReceivedAfter("steady", refusedAt, 2);
            awaitReceivedAfter("changing", refusedAt, 2);

            TestFiles.write(dir.resolve("promrelay.yml"), config("b", "900ms", false, true));
            Http.Response valid = post(relay, "/-/reload");

            assertEquals(200, valid.status(), valid.body());
            assertEquals(1.0, relay.metric("promrelay_config_last_reload_successful", "").orElseThrow());
            assertTrue(relay.target("changing").isEmpty(), "the removed job left /api/v1/targets");
            relay.awaitAllUp("added", WAIT);
            assertTrue(relay.federate("rw_test_gauge{job=\"added\"}").contains("site=\"b\""),
                    "/federate adds the new external labels");
            Await.until("a series with the new external label at the receiver", WAIT,
                    () -> receiver.accepted().keySet().stream().filter(l -> "b".equals(l.get("site"))).findAny(),
                    () -> "received: " + receiver.accepted().keySet());
        }
    }

    @Test
    void changingThePromrelaySectionIsRefusedAsAWhole() throws Exception {
        try (StartedRelay relay = StartedRelay.startWithLifecycleApi(vertx, dir, config("a", "900ms", true, false))) {
            TestFiles.write(dir.resolve("promrelay.yml"), config("a", "900ms", true, true)
                    .replace("retention: 2h", "retention: 3h"));

            Http.Response refused = post(relay, "/-/reload");

            assertEquals(500, refused.status());
            assertTrue(refused.body().contains("promrelay.retention cannot change while promrelay runs"),
                    refused.body());
            assertEquals(0.0, relay.metric("promrelay_config_last_reload_successful", "").orElseThrow());
            assertTrue(relay.target("added").isEmpty(), "the rest of the file was not applied either");
        }
    }

    @Test
    void lifecycleEndpointsAnswer403WithoutTheFlag() throws Exception {
        try (StartedRelay relay = StartedRelay.start(vertx, dir, config("a", "900ms", true, false))) {
            for (String path : List.of("/-/reload", "/-/quit")) {
                for (String method : List.of("POST", "PUT")) {
                    Http.Response response = Http.send(method, relay.uri(path), new byte[0]);

                    assertEquals(403, response.status(), method + " " + path);
                    assertEquals("Lifecycle API is not enabled.", response.body());
                }
                Http.Response get = Http.get(relay.uri(path));
                assertEquals(405, get.status());
                assertEquals("Only POST or PUT requests allowed", get.body());
            }
            assertTrue(Http.get(relay.uri("/-/ready")).status() == 200, "the relay still runs");
        }
    }

    /** Every sample of the series arrived once and in order, counting from the target's first scrape. */
    private static void assertConsecutiveFromFirstScrape(List<Received> samples) {
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(i + 1.0, samples.get(i).value(), "sample " + i + " of " + samples);
        }
    }

    private void awaitReceived(String job, int samples) {
        awaitReceivedAfter(job, 0, samples);
    }

    private void awaitReceivedAfter(String job, long afterMillis, int samples) {
        Await.until(samples + " samples of job " + job + " after " + afterMillis, WAIT, () -> {
            long n = received(job).stream().filter(s -> s.timestamp() > afterMillis && !StaleNaN.is(s.value())).count();
            return n >= samples ? Optional.of(n) : Optional.empty();
        }, () -> "received: " + received(job));
    }

    /** The receiver's samples of {@code rw_test_total{n="1"}} of the job, by timestamp. */
    private List<Received> received(String job) {
        for (Map.Entry<Labels, List<Received>> e : receiver.accepted().entrySet()) {
            Labels labels = e.getKey();
            if ("rw_test_total".equals(labels.get("__name__")) && job.equals(labels.get("job"))
                    && "1".equals(labels.get("n"))) {
                List<Received> sorted = new ArrayList<>(e.getValue());
                sorted.sort(Comparator.comparingLong(Received::timestamp));
                return sorted;
            }
        }
        return List.of();
    }

    private static double sentByEndpoint(StartedRelay relay) {
        return relay.metric("promrelay_remote_storage_samples_sent_total", "remote_name=\"receiver\"").orElseThrow();
    }

    /** The series' samples in the buffer over the last 10 minutes, as the query API returns a range vector. */
    private static List<Double> bufferValues(StartedRelay relay, String selector) {
        String query = URLEncoder.encode(selector + "[10m]", StandardCharsets.UTF_8);
        JsonObject answer = new JsonObject(Http.getOk(relay.uri("/api/v1/query?query=" + query)));
        JsonArray values = answer.getJsonObject("data").getJsonArray("result").getJsonObject(0).getJsonArray("values");
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(Double.parseDouble(values.getJsonArray(i).getString(1)));
        }
        return out;
    }

    private static String configYaml(StartedRelay relay) {
        return new JsonObject(Http.getOk(relay.uri("/api/v1/status/config"))).getJsonObject("data").getString("yaml");
    }

    private static Http.Response post(StartedRelay relay, String path) {
        return Http.post(relay.uri(path), new byte[0]);
    }
}
