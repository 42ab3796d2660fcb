package io.promrelay.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * file_sd_configs as an operator uses them with a ConfigMap or a generator script: targets come from JSON and
 * YAML files, follow edits within a few seconds, and survive a broken edit.
 */
class FileSdBehaviourTest {
    // Files are polled every refresh_interval (1s here); a change must show within a few polls.
    private static final Duration DISCOVERY_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(10);
    private static final String PAYLOAD = "sd_metric 1\n";

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static FakeTarget fromJson;
    private static FakeTarget fromYaml;
    private static FakeTarget editedAway;
    private static FakeTarget editedIn;
    private static FakeTarget survivor;
    private static FakeTarget marker;
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        fromJson = target(vertx);
        fromYaml = target(vertx);
        editedAway = target(vertx);
        editedIn = target(vertx);
        survivor = target(vertx);
        marker = target(vertx);
        replace(dir.resolve("appear/a.json"), "[{\"targets\": [\"" + fromJson.address() + "\"], \"labels\": {\"team\": \"json\"}}]");
        replace(dir.resolve("appear/b.yml"), "- targets: [\"" + fromYaml.address() + "\"]\n  labels: {team: yaml}\n");
        replace(dir.resolve("edit/targets.json"), json(editedAway));
        // Files are read in name order, so a change seen in a-marker.json means z-good.json was read after it.
        replace(dir.resolve("broken/a-marker.json"), "[]");
        replace(dir.resolve("broken/z-good.json"), json(survivor));
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 500ms}
                scrape_configs:
                  - job_name: appear
                    file_sd_configs: [{files: ["%1$s/appear/*.json", "%1$s/appear/*.yml"], refresh_interval: 1s}]
                  - job_name: edit
                    file_sd_configs: [{files: ["%1$s/edit/*.json"], refresh_interval: 1s}]
                  - job_name: broken
                    file_sd_configs: [{files: ["%1$s/broken/*.json"], refresh_interval: 1s}]
                """.formatted(dir)));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    private static FakeTarget target(Vertx vertx) {
        return cleanup.add(FakeTarget.start(vertx, Answer.text(PAYLOAD)));
    }

    @Test
    void targetsFromJsonAndYamlFilesAreScrapedWithTheFileAsMetaFilepath() {
        Map<String, JsonObject> targets = awaitInstances("appear", List.of(fromJson.address(), fromYaml.address()));

        assertEquals(dir.resolve("appear/a.json").toString(),
                targets.get(fromJson.address()).getJsonObject("discoveredLabels").getString("__meta_filepath"));
        assertEquals(dir.resolve("appear/b.yml").toString(),
                targets.get(fromYaml.address()).getJsonObject("discoveredLabels").getString("__meta_filepath"));
        assertEquals("json", targets.get(fromJson.address()).getJsonObject("labels").getString("team"));
        assertEquals("yaml", targets.get(fromYaml.address()).getJsonObject("labels").getString("team"));
        awaitFederated("appear", Map.of(
                Labels.of("__name__", "sd_metric", "job", "appear", "instance", fromJson.address(), "team", "json"), 1.0,
                Labels.of("__name__", "sd_metric", "job", "appear", "instance", fromYaml.address(), "team", "yaml"), 1.0));
    }

    @Test
    void editedFileReplacesTargetsAndTheRemovedTargetsSeriesGoStale() {
        awaitInstances("edit", List.of(editedAway.address()));
        awaitFederated("edit", Map.of(sdMetric("edit", editedAway), 1.0));

        replace(dir.resolve("edit/targets.json"), json(editedIn));

        awaitInstances("edit", List.of(editedIn.address()));
        awaitFederated("edit", Map.of(sdMetric("edit", editedIn), 1.0));
        assertEquals(Map.of(), ExpositionSamples.parse(relay.federate(
                "{job=\"edit\",instance=\"" + editedAway.address() + "\"}")), "series of the removed target");
    }

    @Test
    void brokenEditKeepsTheLastGoodTargets() {
        awaitInstances("broken", List.of(survivor.address()));

        replace(dir.resolve("broken/z-good.json"), "[{\"targets\": [\"" + survivor.address() + "\"");
        replace(dir.resolve("broken/a-marker.json"), json(marker));

        awaitInstances("broken", List.of(marker.address(), survivor.address()));
        awaitFederated("broken", Map.of(sdMetric("broken", survivor), 1.0, sdMetric("broken", marker), 1.0));
    }

    private static Labels sdMetric(String job, FakeTarget target) {
        return Labels.of("__name__", "sd_metric", "job", job, "instance", target.address());
    }

    private static String json(FakeTarget target) {
        return "[{\"targets\": [\"" + target.address() + "\"]}]";
    }

    /** Replaces the file in one step, as a ConfigMap update does, so discovery never reads half a file. */
    private static void replace(Path file, String content) {
        Path staged = TestFiles.write(file.resolveSibling(file.getFileName() + ".staged"), content);
        try {
            Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AssertionError("cannot replace " + file, e);
        }
    }

    /** Waits until exactly these instances are the job's active targets; returns them by instance. */
    private static Map<String, JsonObject> awaitInstances(String job, List<String> instances) {
        return Await.until("job " + job + " to have exactly the targets " + instances, DISCOVERY_TIMEOUT,
                () -> Optional.of(activeTargets(job)).filter(targets -> targets.keySet().equals(
                        new TreeSet<>(instances))),
                () -> "active: " + activeTargets(job).keySet());
    }

    private static Map<String, JsonObject> activeTargets(String job) {
        Map<String, JsonObject> byInstance = new TreeMap<>();
        new JsonObject(Http.getOk(relay.uri("/api/v1/targets?state=active"))).getJsonObject("data")
                .getJsonArray("activeTargets").stream()
                .map(JsonObject.class::cast)
                .filter(target -> job.equals(target.getString("scrapePool")))
                .forEach(target -> byInstance.put(target.getJsonObject("labels").getString("instance"), target));
        return byInstance;
    }

    private static void awaitFederated(String job, Map<Labels, Double> expected) {
        String selector = "sd_metric{job=\"" + job + "\"}";
        Await.until("/federate to hold exactly " + expected.keySet(), SCRAPE_TIMEOUT,
                () -> Optional.of(ExpositionSamples.parse(relay.federate(selector))).filter(expected::equals),
                () -> relay.federate(selector));
    }
}
