package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.it.ReceivedSamples.Point;
import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay scrapes a target every second and remote-writes to a real Prometheus
 * ({@code --web.enable-remote-write-receiver}); Prometheus ends up with exactly the samples the relay holds,
 * also across a 60 s outage of the receiver (the minimum: sixty scrapes that must wait in the buffer,
 * with queues far too small to hold them). The shorter 500 and 429 outages are tested against fake receivers.
 */
class RemoteWriteToPrometheusTest {
    private static final String JOB = "counting";
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(40);
    private static final long OUTAGE_MILLIS = 60_000;

    @TempDir
    Path dir;
    private Vertx vertx;
    private CountingTarget target;
    private StartedRelay relay;
    private PrometheusServer prometheus;
    private int prometheusPort;

    @BeforeEach
    void start() throws Exception {
        PeerBinary.PROMETHEUS.locate();
        vertx = Vertx.vertx();
        target = CountingTarget.start(vertx);
        prometheusPort = PeerProcess.freePort();
        prometheus = PrometheusServer.startReceiver(dir.resolve("prometheus"), prometheusPort);
        // A small queue, so that during the outage the backlog stays in the buffer and is read back window by window.
        relay = StartedRelay.startScrapingEverySecond(vertx, dir.resolve("relay"), """
                  - job_name: %s
                    static_configs: [{targets: ["%s"]}]
                """.formatted(JOB, target.address()), """
                  - url: %s
                    name: prom
                    queue_config: {capacity: 40, max_samples_per_send: 20, batch_send_deadline: 500ms, max_backoff: 1s}
                """.formatted(prometheus.remoteWriteUrl()));
        relay.awaitTarget(JOB, "up", t -> "up".equals(t.getString("health")));
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (target != null) {
            target.close();
        }
        if (vertx != null) {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private Map<Labels, List<Point>> awaitSameSamples(long endMillis) {
        return ReceivedSamples.awaitPrometheusHoldsTheRelays(relay.head(), prometheus, JOB, endMillis, ARRIVAL_TIMEOUT);
    }

    private double lagSeconds() {
        return relay.metric("promrelay_remote_storage_lag_seconds", "remote_name=\"prom\"").orElseThrow();
    }

    @Test
    void prometheusReceivesExactlyTheSamplesTheRelayHolds() throws Exception {
        Thread.sleep(3000);
        long end = System.currentTimeMillis() - 1000;

        Map<Labels, List<Point>> same = awaitSameSamples(end);

        assertEquals(CountingTarget.SERIES + 1 + 5, same.size(), "the target's series and the 5 report series");
        assertTrue(same.values().stream().allMatch(points -> points.size() >= 2), same.toString());
        assertTrue(relay.metric("promrelay_remote_storage_samples_sent_total", "remote_name=\"prom\"").orElseThrow()
                >= ReceivedSamples.count(same));
    }

    @Test
    void everySampleScrapedDuringAnOutageArrivesAfterIt() throws Exception {
        Thread.sleep(2000);
        prometheus.close();
        long outageStart = System.currentTimeMillis();
        Thread.sleep(OUTAGE_MILLIS);
        long outageEnd = System.currentTimeMillis();
        prometheus = PrometheusServer.startReceiver(dir.resolve("prometheus"), prometheusPort);
        // A second's slack so the scrape just before the outage's end is in the buffer before it is compared.
        Thread.sleep(Math.max(0, outageEnd + 1000 - System.currentTimeMillis()));

        Map<Labels, List<Point>> same = awaitSameSamples(outageEnd);

        long scrapesDuringOutage = same.get(Labels.of("__name__", "up", "instance", target.address(), "job", JOB))
                .stream().filter(p -> p.timestampMillis() >= outageStart && p.timestampMillis() < outageEnd).count();
        assertTrue(scrapesDuringOutage >= OUTAGE_MILLIS / 1000 - 2, "scrapes during the outage: " + scrapesDuringOutage);
        assertEquals(scrapesDuringOutage * (CountingTarget.SERIES + 1 + 5), countBetween(same, outageStart, outageEnd),
                "samples of every series of every scrape during the outage, in the relay and in Prometheus alike");
        Await.until("the lag to return near zero", ARRIVAL_TIMEOUT,
                () -> Optional.of(lagSeconds()).filter(lag -> lag < 3), () -> "lag " + lagSeconds() + "s");
    }

    private static long countBetween(Map<Labels, List<Point>> samples, long fromMillis, long toMillis) {
        return samples.values().stream().flatMap(List::stream)
                .filter(p -> p.timestampMillis() >= fromMillis && p.timestampMillis() < toMillis).count();
    }
}
