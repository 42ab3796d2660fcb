package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.it.ReceivedSamples.Point;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.testing.Await;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.FakeRemoteWriteReceiver;
import io.promrelay.testing.FakeRemoteWriteReceiver.Answer;
import io.promrelay.testing.FakeRemoteWriteReceiver.Received;
import io.promrelay.testing.Http;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.Promtool;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay with three endpoints: one refusing everything with 400, one answering 500 for a while, one healthy.
 * The refusals are dropped and counted, the 500s retried until the receiver recovers, and the healthy
 * receiver and the scrapes never notice the others.
 */
class RemoteWriteEndpointsIndependenceTest {
    private static final String JOB = "counting";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Map<Labels, List<Point>> points(Map<Labels, List<Received>> received, long endMillis) {
        Map<Labels, List<Point>> out = new TreeMap<>();
        received.forEach((labels, samples) -> out.put(labels, samples.stream()
                .filter(s -> s.timestamp() <= endMillis && !Double.isNaN(s.value()))
                .map(s -> new Point(s.timestamp(), s.value())).toList()));
        return out;
    }

    @Test
    void aRefusingAndAFailingReceiverHoldUpNeitherTheHealthyOneNorTheScrapes() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (CountingTarget target = CountingTarget.start(vertx);
             FakeRemoteWriteReceiver refusing = FakeRemoteWriteReceiver.start(vertx);
             FakeRemoteWriteReceiver failing = FakeRemoteWriteReceiver.start(vertx);
             FakeRemoteWriteReceiver healthy = FakeRemoteWriteReceiver.start(vertx)) {
            refusing.answer(n -> Answer.status(400, "invalid sample"));
            failing.answer(n -> n <= 10 ? Answer.status(500, "try later") : Answer.OK);
            String queue = "queue_config: {batch_send_deadline: 300ms, min_backoff: 100ms, max_backoff: 400ms}";
            try (StartedRelay relay = StartedRelay.startScrapingEverySecond(vertx, dir, """
                      - job_name: %s
                        static_configs: [{targets: ["%s"]}]
                    """.formatted(JOB, target.address()), """
                      - {url: "%s", name: refusing, %s}
                      - {url: "%s", name: failing, %s}
                      - {url: "%s", name: healthy, %s}
                    """.formatted(refusing.url(), queue, failing.url(), queue, healthy.url(), queue))) {
                relay.awaitTarget(JOB, "up", t -> "up".equals(t.getString("health")));
                Thread.sleep(4000);
                long end = System.currentTimeMillis() - 1000;
                Map<Labels, List<Point>> expected =
                        ReceivedSamples.inRelay(relay.head(), List.of(Matcher.equal("job", JOB)), end);

                for (FakeRemoteWriteReceiver receiver : List.of(healthy, failing)) {
                    Await.until("the receiver to hold the relay's samples", TIMEOUT,
                            () -> Optional.of(points(receiver.accepted(), end)).filter(expected::equals),
                            () -> "got " + ReceivedSamples.count(points(receiver.accepted(), end)) + " of "
                                    + ReceivedSamples.count(expected));
                }
                double refused = relay.metric("promrelay_remote_storage_samples_dropped_total",
                        "reason=\"http_4xx\",remote_name=\"refusing\"").orElseThrow();
                assertTrue(refused >= ReceivedSamples.count(expected), "refused samples counted: " + refused);
                assertTrue(relay.metric("promrelay_remote_storage_samples_retried_total", "remote_name=\"failing\"")
                        .orElseThrow() > 0);
                assertEquals(0, relay.metric("promrelay_remote_storage_samples_retried_total",
                        "remote_name=\"refusing\"").orElseThrow(), "a 400 is never retried");
                assertEquals("up", relay.target(JOB).orElseThrow().getString("health"));
                if (PeerBinary.PROMTOOL.isInstalled()) {
                    Promtool.Result lint = Promtool.checkMetrics(Http.getOk(relay.uri("/metrics")));
                    assertEquals(0, lint.exitCode(), "the remote-write metrics pass promtool's lint: " + lint.output());
                }
            }
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
