package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.it.ReceivedSamples.Point;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.storage.SnapshotFile;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.Http;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.RelayProcess;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The restart test: a relay scrapes a target every second and remote-writes to a real Prometheus; the
 * receiver goes down, the relay keeps scraping, then gets SIGTERM (as Kubernetes stops a pod) and a new relay
 * starts on the same data directory; once the receiver is back, it holds every sample scraped before the restart,
 * series by series, timestamp by timestamp, and everything scraped after it.
 */
class RestartWithoutLossTest {
    private static final String JOB = "counting";
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(40);
    private static final long OUTAGE_BEFORE_STOP_MILLIS = 6_000;

    @TempDir
    Path dir;
    private Vertx vertx;
    private CountingTarget target;
    private PrometheusServer prometheus;
    private int prometheusPort;
    private PeerProcess oldRelay;
    private StartedRelay newRelay;

    @BeforeEach
    void start() {
        PeerBinary.PROMETHEUS.locate();
        vertx = Vertx.vertx();
        target = CountingTarget.start(vertx);
        prometheusPort = PeerProcess.freePort();
        prometheus = PrometheusServer.startReceiver(dir.resolve("prometheus"), prometheusPort);
    }

    @AfterEach
    void stop() throws Exception {
        if (oldRelay != null) {
            oldRelay.close();
        }
        if (newRelay != null) {
            newRelay.close();
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

    /** A small queue, so that most of what is scraped during the outage waits in the buffer rather than in memory queues. */
    private String config(String listenAddress) {
        return """
                promrelay:
                  listen_address: %s
                  retention: 2h
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: %s
                    static_configs: [{targets: ["%s"]}]
                remote_write:
                  - url: %s
                    name: prom
                    queue_config: {capacity: 40, max_samples_per_send: 20, batch_send_deadline: 500ms, max_backoff: 1s}
                """.formatted(listenAddress, JOB, target.address(), prometheus.remoteWriteUrl());
    }

    @Test
    void everySampleScrapedBeforeASigtermArrivesFromTheRelayThatStartsOnTheSameDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        int oldPort = PeerProcess.freePort();
        Path oldConfig = Files.writeString(Files.createDirectories(dir.resolve("old")).resolve("promrelay.yml"),
                config("127.0.0.1:" + oldPort));
        oldRelay = RelayProcess.start(dir.resolve("old"), oldPort,
                List.of("--config.file=" + oldConfig, "--storage.path=" + data));
        Thread.sleep(2000);
        prometheus.close();
        long outageStart = System.currentTimeMillis();
        Thread.sleep(OUTAGE_BEFORE_STOP_MILLIS);
        Map<Labels, List<Point>> heldBeforeStop = heldBy(oldPort, System.currentTimeMillis());
        oldRelay.close();
        String stopLog = oldRelay.log();
        oldRelay = null;
        long restart = System.currentTimeMillis();
        assertTrue(Files.exists(data.resolve(SnapshotFile.NAME)), "SIGTERM wrote the snapshot");
        assertTrue(stopLog.contains(" written to " + data.resolve(SnapshotFile.NAME)),
                "the relay's last log lines say the snapshot was written:\n" + stopLog);

        newRelay = StartedRelay.startWithDataDirectory(vertx, dir.resolve("new"), config("127.0.0.1:0"), data);
        Map<Labels, List<Point>> restored = ReceivedSamples.inRelay(newRelay.head(),
                List.of(Matcher.equal("job", JOB)), restart);
        heldBeforeStop.forEach((series, points) -> assertTrue(restored.getOrDefault(series, List.of()).containsAll(points),
                "the new relay's buffer has all the old one held of " + series));
        prometheus = PrometheusServer.startReceiver(dir.resolve("prometheus"), prometheusPort);
        Thread.sleep(2000);
        long end = System.currentTimeMillis() - 1000;

        Map<Labels, List<Point>> arrived = ReceivedSamples.awaitPrometheusHoldsTheRelays(newRelay.head(), prometheus, JOB,
                end, ARRIVAL_TIMEOUT);

        Labels up = Labels.of("__name__", "up", "instance", target.address(), "job", JOB);
        long scrapesBeforeRestart = arrived.get(up).stream()
                .filter(p -> p.timestampMillis() >= outageStart && p.timestampMillis() < restart).count();
        assertTrue(scrapesBeforeRestart >= OUTAGE_BEFORE_STOP_MILLIS / 1000 - 2,
                "scrapes between the outage and the restart that arrived: " + scrapesBeforeRestart);
        assertEquals(CountingTarget.SERIES + 1 + 5, arrived.size(), "the target's series and the 5 report series");
        heldBeforeStop.forEach((series, points) -> assertTrue(arrived.get(series).containsAll(points),
                "Prometheus has every sample of " + series + " the old relay held"));
    }

    /** The old relay's samples of the job up to {@code endMillis}, through its query API. */
    private static Map<Labels, List<Point>> heldBy(int port, long endMillis) {
        URI query = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode("{job=\"" + JOB + "\"}[1h]", StandardCharsets.UTF_8) + "&time=" + endMillis / 1000.0);
        JsonObject answer = new JsonObject(Http.getOk(query));
        return ReceivedSamples.fromPrometheusMatrix(answer.getJsonObject("data").getJsonArray("result"));
    }
}
