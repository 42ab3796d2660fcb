package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.model.Labels;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.SharedFixtures;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kubelet cAdvisor payload (about 1.4 MB, thousands of series) scraped from a fake target and federated
 * back: every series must come out once with exactly the value the payload holds, as read by an independent
 * parser.
 */
class FederateLargePayloadTest {
    private static final String FIXTURE = "exposition/kubelet_cadvisor.prom";
    private static final String JOB = "cadvisor";
    private static final Set<String> SCRAPE_SERIES = Set.of("up", "scrape_duration_seconds",
            "scrape_samples_scraped", "scrape_samples_post_metric_relabeling", "scrape_series_added");

    @TempDir
    Path dir;
    private final Cleanup cleanup = new Cleanup();

    @AfterEach
    void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void everySeriesOfTheKubeletPayloadIsFederatedWithItsExactValue() throws Exception {
        String payload = Files.readString(SharedFixtures.require(FIXTURE));
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        FakeTarget kubelet = cleanup.add(FakeTarget.start(vertx, Answer.text(payload)));
        // The payload's own timestamps are months old; stamping with the scrape time keeps it in the lookback.
        StartedRelay relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 1s, external_labels: {cluster: east}}
                scrape_configs:
                  - {job_name: %s, honor_timestamps: false, static_configs: [{targets: ["%s"]}]}
                """.formatted(JOB, kubelet.address())));
        Map<Labels, Double> expected = new TreeMap<>();
        ExpositionSamples.parse(payload).forEach((labels, value) -> expected.put(labels.toBuilder()
                .set("job", JOB).set("instance", kubelet.address()).set("cluster", "east").build(), value));

        relay.awaitTarget(JOB, "up", target -> "up".equals(target.getString("health")));
        String body = relay.federate("{job=\"" + JOB + "\"}");
        Map<Labels, Double> federated = new TreeMap<>(ExpositionSamples.parse(body));
        federated.keySet().removeIf(labels -> SCRAPE_SERIES.contains(labels.metricName()));

        assertEquals(expected.size(), federated.size(), "series federated");
        assertEquals(List.of(), differences(expected, federated));
    }

    /** Series missing, extra, or with another value; a few at most, so a failure stays readable. */
    private static List<String> differences(Map<Labels, Double> expected, Map<Labels, Double> federated) {
        TreeMap<Labels, String> diff = new TreeMap<>();
        expected.forEach((labels, value) -> {
            Double got = federated.get(labels);
            if (got == null || Double.compare(got, value) != 0) {
                diff.put(labels, "expected " + value + ", federated " + got);
            }
        });
        federated.forEach((labels, value) -> {
            if (!expected.containsKey(labels)) {
                diff.put(labels, "not in the payload, federated " + value);
            }
        });
        return diff.entrySet().stream().limit(10).map(e -> e.getKey() + ": " + e.getValue()).toList();
    }
}
