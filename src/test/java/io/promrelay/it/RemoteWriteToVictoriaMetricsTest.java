package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.it.ReceivedSamples.Point;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.testing.Await;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.VictoriaMetrics;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay remote-writes to a real single-node VictoriaMetrics, which ends up with exactly the relay's samples. */
class RemoteWriteToVictoriaMetricsTest {
    private static final String JOB = "counting";
    private static final String SELECTOR = "{job=\"" + JOB + "\"}";
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void victoriaMetricsReceivesExactlyTheSamplesTheRelayHolds() throws Exception {
        PeerBinary.VICTORIA_METRICS.locate();
        Vertx vertx = Vertx.vertx();
        try (CountingTarget target = CountingTarget.start(vertx);
             VictoriaMetrics vm = VictoriaMetrics.start(dir.resolve("vm"));
             StartedRelay relay = StartedRelay.startScrapingEverySecond(vertx, dir.resolve("relay"), """
                       - job_name: %s
                         static_configs: [{targets: ["%s"]}]
                     """.formatted(JOB, target.address()), """
                       - url: %s
                         queue_config: {batch_send_deadline: 500ms}
                     """.formatted(vm.remoteWriteUrl()))) {
            relay.awaitTarget(JOB, "up", t -> "up".equals(t.getString("health")));
            Thread.sleep(3000);
            long end = System.currentTimeMillis() - 1000;
            Map<Labels, List<Point>> expected =
                    ReceivedSamples.inRelay(relay.head(), List.of(Matcher.equal("job", JOB)), end);

            Map<Labels, List<Point>> got = Await.until("VictoriaMetrics to hold the relay's "
                            + ReceivedSamples.count(expected) + " samples", ARRIVAL_TIMEOUT,
                    () -> Optional.of(ReceivedSamples.fromVictoriaExport(vm.export(SELECTOR, end / 1000.0)))
                            .filter(expected::equals),
                    () -> "VictoriaMetrics has " + ReceivedSamples.count(ReceivedSamples.fromVictoriaExport(
                            vm.export(SELECTOR, end / 1000.0))) + vm.describe());

            assertEquals(CountingTarget.SERIES + 1 + 5, got.size());
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
