package io.promrelay.remote.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.config.RemoteWriteConfig;
import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import io.promrelay.remote.send.EndpointStats.DropReason;
import io.promrelay.storage.Appender;
import io.promrelay.storage.CursorPositions;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.storage.StorageException;
import io.promrelay.testing.Await;
import io.promrelay.testing.FakeRemoteWriteReceiver;
import io.promrelay.testing.FakeRemoteWriteReceiver.Answer;
import io.promrelay.testing.FakeRemoteWriteReceiver.Received;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One endpoint against an in-process receiver: everything the buffer holds arrives once, in order, or is counted. */
class RemoteWriteEndpointTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SERIES = 40;
    private static final int SAMPLES_PER_SERIES = 50;

    private Vertx vertx;
    private WorkerExecutor workers;
    private FakeRemoteWriteReceiver receiver;
    private Head head;
    private RemoteWriteEndpoint endpoint;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        workers = vertx.createSharedWorkerExecutor("test-remote-write", 2);
        receiver = FakeRemoteWriteReceiver.start(vertx);
        head = new Head(HeadOptions.of(Duration.ofHours(1), 10_000));
    }

    @AfterEach
    void stop() throws Exception {
        if (endpoint != null) {
            endpoint.stop().await(10, TimeUnit.SECONDS);
        }
        receiver.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Small batches and short waits; {@code queueExtra} adds queue_config keys, {@code extra} endpoint keys. */
    private static RemoteWriteConfig config(String url, String queueExtra, String extra) throws ConfigException {
        String yaml = "remote_write:\n  - url: " + url + "\n    name: test\n"
                + "    queue_config: {min_shards: 4, max_samples_per_send: 100, batch_send_deadline: 100ms,"
                + " min_backoff: 10ms, max_backoff: 50ms" + queueExtra + "}\n" + extra;
        return ConfigLoader.parse(yaml, Path.of("promrelay.yml")).remoteWriteConfigs().get(0);
    }

    private void startEndpoint(String extra, Labels externalLabels) throws ConfigException {
        startEndpoint("", extra, externalLabels);
    }

    private void startEndpoint(String queueExtra, String extra, Labels externalLabels) throws ConfigException {
        endpoint = RemoteWriteEndpoint.start(vertx, workers, head, config(receiver.url(), queueExtra, extra),
                externalLabels, Duration.ofHours(1), CursorPositions.NONE);
    }

    private static Labels series(int i) {
        return Labels.of("__name__", "test_metric", "series", String.valueOf(i), "job", "t");
    }

    /** SERIES series with SAMPLES_PER_SERIES samples each, one second apart, ending now; value = timestamp. */
    private long appendSeries(long start) throws StorageException {
        for (int s = 0; s < SAMPLES_PER_SERIES; s++) {
            Appender app = head.appender();
            long t = start + s * 1000L;
            for (int i = 0; i < SERIES; i++) {
                app.append(0, series(i), t, t + i);
            }
            app.commit();
        }
        return start + (SAMPLES_PER_SERIES - 1) * 1000L;
    }

    private void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty(),
                () -> "receiver got " + receiver.acceptedSamples() + " samples in " + receiver.requests()
                        + " requests; sent " + endpoint.stats().samplesSent() + ", retried "
                        + endpoint.stats().samplesRetried() + ", failed " + endpoint.stats().samplesFailed());
    }

    private static void assertEverySampleOnceInOrder(Map<Labels, List<Received>> got, long start, Labels extra) {
        assertEquals(SERIES, got.size(), () -> "series received: " + got.keySet());
        for (int i = 0; i < SERIES; i++) {
            Labels.Builder expected = series(i).toBuilder();
            extra.forEach(expected::set);
            List<Received> samples = got.get(expected.build());
            List<Received> wanted = new ArrayList<>();
            for (int s = 0; s < SAMPLES_PER_SERIES; s++) {
                long t = start + s * 1000L;
                wanted.add(new Received(t, Double.doubleToRawLongBits(t + i)));
            }
            assertEquals(wanted, samples, "series " + i);
        }
    }

    @Test
    void stoppingKeepsTheSamplesQueuedOrFailingForTheEndpointStartedWithItsPositions() throws Exception {
        long start = System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L;
        appendSeries(start);
        AtomicBoolean receiverUp = new AtomicBoolean(false);
        receiver.answer(n -> n <= 3 || receiverUp.get() ? Answer.OK : Answer.status(503, "down"));
        startEndpoint("", Labels.EMPTY);
        await("requests failing after three were accepted", () -> receiver.requests() >= 8);

        CursorPositions positions = endpoint.stop().await(10, TimeUnit.SECONDS);
        int acceptedBeforeStop = receiver.acceptedSamples();
        receiverUp.set(true);
        endpoint = RemoteWriteEndpoint.start(vertx, workers, head, config(receiver.url(), "", ""), Labels.EMPTY,
                Duration.ofHours(1), positions);
        await("all samples", () -> receiver.acceptedSamples() >= SERIES * SAMPLES_PER_SERIES
                && endpoint.stats().pendingSamples() == 0);

        assertTrue(acceptedBeforeStop > 0 && acceptedBeforeStop < SERIES * SAMPLES_PER_SERIES, "accepted before the stop: "
                + acceptedBeforeStop);
        assertEquals(SERIES * SAMPLES_PER_SERIES - acceptedBeforeStop, endpoint.stats().samplesSent(),
                "the resumed endpoint sends exactly what had not arrived");
        assertEverySampleOnceInOrder(receiver.accepted(), start, Labels.EMPTY);
    }

    @Test
    void everyBufferedSampleArrivesOnceInOrderWithTheProtocolHeaders() throws Exception {
        long start = System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L;
        appendSeries(start);
        startEndpoint("    headers: {X-Scope-OrgID: team-a}\n    basic_auth: {username: u, password: p}\n", Labels.EMPTY);

        await("all samples", () -> receiver.acceptedSamples() >= SERIES * SAMPLES_PER_SERIES
                && endpoint.stats().pendingSamples() == 0);

        assertEverySampleOnceInOrder(receiver.accepted(), start, Labels.EMPTY);
        var headers = receiver.lastHeaders();
        assertEquals("snappy", headers.get("Content-Encoding"));
        assertEquals("application/x-protobuf", headers.get("Content-Type"));
        assertEquals("0.1.0", headers.get("X-Prometheus-Remote-Write-Version"));
        assertTrue(headers.get("User-Agent").startsWith("promrelay/"), headers.get("User-Agent"));
        assertEquals("team-a", headers.get("X-Scope-OrgID"));
        assertEquals("Basic dTpw", headers.get("Authorization"));
        assertEquals(SERIES * SAMPLES_PER_SERIES, endpoint.stats().samplesSent());
        assertTrue(endpoint.stats().bytesSent() > 0);
        assertEquals(start / 1000.0 + SAMPLES_PER_SERIES - 1, endpoint.stats().highestSentTimestampSeconds());
    }

    @Test
    void externalLabelsAreAddedUnlessPresentAndRelabelDropsAreCounted() throws Exception {
        long start = System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L;
        appendSeries(start);
        Appender app = head.appender();
        app.append(0, Labels.of("__name__", "go_goroutines", "job", "t"), start, 1);
        app.append(0, Labels.of("__name__", "up", "job", "t", "cluster", "own"), start, 1);
        app.append(0, Labels.of("__name__", "up", "job", "t", "cluster", "own"), start + 1, StaleNaN.VALUE);
        app.commit();
        startEndpoint("    write_relabel_configs: [{source_labels: [__name__], regex: 'go_.*', action: drop}]\n",
                Labels.of("cluster", "c1"));

        await("all samples", () -> receiver.acceptedSamples() >= SERIES * SAMPLES_PER_SERIES + 2);

        Map<Labels, List<Received>> got = receiver.accepted();
        List<Received> up = got.remove(Labels.of("__name__", "up", "job", "t", "cluster", "own"));
        assertEquals(StaleNaN.BITS, up.get(1).valueBits(), "the stale marker's bits");
        assertEverySampleOnceInOrder(got, start, Labels.of("cluster", "c1"));
        assertEquals(1, endpoint.stats().samplesDropped(DropReason.RELABEL));
    }

    @Test
    void serverErrorsAreRetriedUntilTheReceiverRecoversAndNothingIsLost() throws Exception {
        receiver.answer(n -> n <= 6 ? Answer.status(503, "busy") : Answer.OK);
        long start = System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L;
        appendSeries(start);
        startEndpoint("", Labels.EMPTY);

        await("all samples", () -> receiver.acceptedSamples() >= SERIES * SAMPLES_PER_SERIES
                && endpoint.stats().pendingSamples() == 0);

        assertEverySampleOnceInOrder(receiver.accepted(), start, Labels.EMPTY);
        assertTrue(endpoint.stats().samplesRetried() > 0);
        assertEquals(0, endpoint.stats().samplesFailed());
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() throws Exception {
        receiver.answer(n -> n == 1 ? new Answer(429, "1", "slow down") : Answer.OK);
        long start = System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L;
        appendSeries(start);
        long began = System.nanoTime();
        startEndpoint("", Labels.EMPTY);

        await("all samples", () -> receiver.acceptedSamples() >= SERIES * SAMPLES_PER_SERIES);

        assertTrue(System.nanoTime() - began >= TimeUnit.MILLISECONDS.toNanos(1000),
                "the retry of the refused batch waited the second Retry-After asked for");
        assertEverySampleOnceInOrder(receiver.accepted(), start, Labels.EMPTY);
    }

    @Test
    void clientErrorsDropTheBatchCountedAndSendingGoesOn() throws Exception {
        receiver.answer(n -> Answer.status(400, "out of bounds " + "x".repeat(1000)));
        long start = System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L;
        appendSeries(start);
        startEndpoint("", Labels.EMPTY);

        await("every batch refused", () -> endpoint.stats().samplesFailed() == SERIES * SAMPLES_PER_SERIES);
        receiver.answer(n -> Answer.OK);
        Appender app = head.appender();
        app.append(0, series(0), System.currentTimeMillis(), 7);
        app.commit();

        await("the next sample", () -> receiver.acceptedSamples() == 1);
        assertEquals(SERIES * SAMPLES_PER_SERIES, endpoint.stats().samplesDropped(DropReason.HTTP_4XX));
        assertEquals(0, endpoint.stats().samplesRetried(), "a 400 is never retried");
    }

    @Test
    void tooManyRequestsIsDroppedWhenRetryingItIsOff() throws Exception {
        receiver.answer(n -> new Answer(429, "1", "no"));
        appendSeries(System.currentTimeMillis() - SAMPLES_PER_SERIES * 1000L);
        startEndpoint(", retry_on_http_429: false", "", Labels.EMPTY);

        await("every batch refused", () -> endpoint.stats().samplesFailed() == SERIES * SAMPLES_PER_SERIES);
        assertEquals(0, endpoint.stats().samplesRetried());
    }
}
