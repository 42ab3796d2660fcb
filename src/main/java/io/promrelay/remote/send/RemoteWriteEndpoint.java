package io.promrelay.remote.send;

import io.promrelay.config.MetadataConfig;
import io.promrelay.config.QueueConfig;
import io.promrelay.config.RedactedUrl;
import io.promrelay.config.RemoteWriteConfig;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import io.promrelay.storage.Cursor;
import io.promrelay.storage.CursorPositions;
import io.promrelay.storage.Head;
import io.promrelay.storage.MetricMetadata;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Forwards the buffer to one {@code remote_write} receiver. Everything here is the endpoint's own: its
 * cursor in the buffer, its reader, shards, HTTP connection pool and timers, so a slow or dead receiver
 * holds up nothing but itself. Reading and encoding run on the shared worker pool; requests, timers and
 * retries on one event-loop context.
 */
public final class RemoteWriteEndpoint {
    private static final long MIN_TICK_MILLIS = 10;
    private static final long MAX_READ_INTERVAL_MILLIS = 1000;
    private static final long MAX_PUMP_INTERVAL_MILLIS = 500;
    private static final long SCALE_PERIOD_MILLIS = 10_000;

    private final Vertx vertx;
    private final Context context;
    private final WorkerExecutor workers;
    private final Head head;
    private final RemoteWriteConfig config;
    private final long retentionMillis;
    private final HttpClient httpClient;
    private final Delivery delivery;
    private final Cursor cursor;
    private final ShardSet shards;
    private final ShardScaler scaler;
    private final EndpointStats stats;
    private final EndpointLog log;
    private final BufferReader reader;
    private final AtomicBoolean readerRunning = new AtomicBoolean();
    private final AtomicBoolean readerWanted = new AtomicBoolean();
    private final AtomicBoolean failedSinceScale = new AtomicBoolean();
    private final AtomicBoolean metadataInFlight = new AtomicBoolean();
    private final Promise<Void> readerStopped = Promise.promise();
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean closed;

    private RemoteWriteEndpoint(Vertx vertx, WorkerExecutor workers, Head head, RemoteWriteConfig config,
                                Labels externalLabels, Duration retention, CursorPositions resumeFrom) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.workers = workers;
        this.head = head;
        this.config = config;
        this.retentionMillis = retention.toMillis();
        QueueConfig queue = config.queue();
        this.httpClient = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxRedirects(10),
                new PoolOptions().setHttp1MaxSize(queue.maxShards() + 1));
        this.delivery = new Delivery(vertx, new RemoteWriteClient(vertx, httpClient, config), queue,
                System::currentTimeMillis);
        this.cursor = head.openCursor("remote_write/" + config.name());
        cursor.resume(resumeFrom);
        String url = RedactedUrl.of(config.url());
        this.log = new EndpointLog(config.name(), url, System::nanoTime);
        long deadlineNanos = queue.batchSendDeadline().toNanos();
        this.shards = new ShardSet(queue.minShards(), i -> new Shard(queue.capacity(), queue.maxSamplesPerSend(),
                deadlineNanos, System::nanoTime, this::send, this::batchDone));
        this.scaler = new ShardScaler(queue.minShards(), queue.maxShards());
        long start = System.currentTimeMillis();
        this.stats = new EndpointStats(config.name(), url, start, cursor::droppedSamples, head::newestTimestamp,
                shards::pending);
        stats.shards(shards.current(), shards.desired());
        SeriesResolver resolver = new SeriesResolver(head.querier(), externalLabels,
                Relabeler.compile(config.writeRelabelConfigs()));
        // The first window reaches back over the whole retention: whatever the buffer holds is sent.
        this.reader = new BufferReader(head, cursor, resolver, shards, stats, start - retentionMillis,
                System::currentTimeMillis, System::nanoTime);
    }

    /**
     * Starts forwarding to {@code config}'s receiver.
     *
     * @param externalLabels added to every series that lacks them
     * @param retention      the buffer's retention: a batch older than this is no longer retried
     * @param resumeFrom     where the endpoint stood before a restart ({@link #stop()}'s result, restored in
     *                       {@code head}'s references), or {@link CursorPositions#NONE} to send all the buffer holds
     */
    public static RemoteWriteEndpoint start(Vertx vertx, WorkerExecutor workers, Head head, RemoteWriteConfig config,
                                            Labels externalLabels, Duration retention, CursorPositions resumeFrom) {
        RemoteWriteEndpoint endpoint = new RemoteWriteEndpoint(vertx, workers, head, config, externalLabels, retention,
                resumeFrom);
        endpoint.context.runOnContext(v -> endpoint.startTimers());
        return endpoint;
    }

    /**
     * Starts forwarding samples newer than now to {@code config}'s receiver, leaving what the buffer already holds
     * unsent, as Prometheus starts a queue that a reload added at the head of its write-ahead log. The skip walks
     * every series once, on a worker.
     */
    public static RemoteWriteEndpoint startAtHead(Vertx vertx, WorkerExecutor workers, Head head,
                                                  RemoteWriteConfig config, Labels externalLabels, Duration retention) {
        RemoteWriteEndpoint endpoint = new RemoteWriteEndpoint(vertx, workers, head, config, externalLabels, retention,
                CursorPositions.NONE);
        long now = System.currentTimeMillis();
        workers.executeBlocking(() -> {
            endpoint.reader.skipThrough(now);
            return null;
        }, false).onComplete(skipped -> endpoint.context.runOnContext(v -> endpoint.startTimers()));
        return endpoint;
    }

    public EndpointStats stats() {
        return stats;
    }

    /**
     * What an endpoint's saved position is filed under: its name and a hash of its URL. A renamed endpoint, or
     * one pointed at another receiver, starts afresh and sends all the buffer holds; the hash keeps credentials a
     * URL may carry out of the snapshot.
     */
    public static String positionKey(RemoteWriteConfig config) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.url().getBytes(StandardCharsets.UTF_8));
            return config.name() + "/" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private void startTimers() {
        if (closed) {
            return;
        }
        long deadline = config.queue().batchSendDeadline().toMillis();
        long readInterval = Math.max(MIN_TICK_MILLIS, Math.min(MAX_READ_INTERVAL_MILLIS, deadline / 5));
        long pumpInterval = Math.max(MIN_TICK_MILLIS, Math.min(MAX_PUMP_INTERVAL_MILLIS, deadline / 10));
        timers.add(vertx.setPeriodic(readInterval, id -> wakeReader()));
        timers.add(vertx.setPeriodic(pumpInterval, id -> shards.pumpAll()));
        timers.add(vertx.setPeriodic(SCALE_PERIOD_MILLIS, id -> rescale()));
        MetadataConfig metadata = config.metadata();
        if (metadata.send()) {
            timers.add(vertx.setPeriodic(metadata.sendInterval().toMillis(), id -> sendMetadata()));
        }
        wakeReader();
    }

    /** Runs the reader on a worker unless it is running already; then it runs once more. */
    private void wakeReader() {
        readerWanted.set(true);
        if (!closed && readerRunning.compareAndSet(false, true)) {
            readerWanted.set(false);
            workers.executeBlocking(() -> closed ? Boolean.FALSE : reader.tick(), false).onComplete(ar -> {
                readerRunning.set(false);
                if (closed) {
                    readerStopped.tryComplete();
                    return;
                }
                shards.pumpAll();
                stats.shards(shards.current(), shards.desired());
                if (ar.failed() || ar.result() || readerWanted.get()) {
                    wakeReader();
                }
            });
        }
    }

    private void rescale() {
        int desired = scaler.desired(shards.current(), reader.fellBehindSinceLastAsked(),
                failedSinceScale.getAndSet(false), shards.peakFill(config.queue().capacity()));
        shards.requestResize(desired);
        stats.shards(shards.current(), desired);
    }

    /** @return true when the batch is settled, false when it was abandoned unsent because the endpoint stopped */
    private Future<Boolean> send(Batch batch) {
        return workers.executeBlocking(() -> WriteRequestEncoder.encode(batch), false)
                .compose(body -> delivery.deliver(body, () -> wanted(batch), reason -> {
                    stats.retried(batch.size());
                    failedSinceScale.set(true);
                    log.retrying(reason);
                }).map(outcome -> {
                    if (closed && outcome instanceof Delivery.Outcome.Expired) {
                        return false;
                    }
                    record(batch, body.length, outcome);
                    return true;
                }));
    }

    /** A batch is worth retrying while the endpoint runs and its newest sample is within retention. */
    private boolean wanted(Batch batch) {
        return !closed && batch.newestTimestamp() >= System.currentTimeMillis() - retentionMillis;
    }

    private void record(Batch batch, int bytes, Delivery.Outcome outcome) {
        if (outcome instanceof Delivery.Outcome.Delivered) {
            stats.sent(batch, bytes);
            log.delivered();
        } else if (outcome instanceof Delivery.Outcome.Refused refused) {
            stats.failed(batch.size());
            log.refused(refused.status(), batch.size(), refused.bodyStart());
        } else if (outcome instanceof Delivery.Outcome.Expired expired) {
            stats.dropped(EndpointStats.DropReason.RETENTION, batch.size());
            if (!closed) {
                log.expired(batch.size(), expired.lastError());
            }
        }
    }

    private void batchDone() {
        if (reader.waitingForRoom()) {
            wakeReader();
        }
    }

    /** Sends the newest description of every family, in requests of at most max_samples_per_send. */
    private void sendMetadata() {
        if (closed || !metadataInFlight.compareAndSet(false, true)) {
            return;
        }
        long giveUpAt = System.currentTimeMillis() + config.metadata().sendInterval().toMillis();
        List<Map.Entry<String, MetricMetadata>> families = new ArrayList<>();
        head.metadata().snapshot(null, 0).forEach((family, variants) -> families.add(Map.entry(family, variants.get(0))));
        sendMetadataFrom(families, 0, giveUpAt).onComplete(done -> metadataInFlight.set(false));
    }

    private Future<Void> sendMetadataFrom(List<Map.Entry<String, MetricMetadata>> families, int from, long giveUpAt) {
        if (from >= families.size()) {
            return Future.succeededFuture();
        }
        List<Map.Entry<String, MetricMetadata>> part =
                families.subList(from, Math.min(families.size(), from + config.metadata().maxSamplesPerSend()));
        return workers.executeBlocking(() -> WriteRequestEncoder.encodeMetadata(part), false)
                .compose(body -> delivery.deliver(body,
                        () -> !closed && System.currentTimeMillis() < giveUpAt, reason -> failedSinceScale.set(true)))
                .compose(outcome -> {
                    if (outcome instanceof Delivery.Outcome.Delivered) {
                        stats.metadataSent(part.size());
                        return sendMetadataFrom(families, from + part.size(), giveUpAt);
                    }
                    log.metadataFailed(outcome.toString());
                    return Future.succeededFuture();
                });
    }

    /**
     * Stops forwarding and releases the cursor. Samples read but not delivered (queued, or in a request that
     * had not succeeded) stay unsent: the returned positions are rewound to before them, so an endpoint
     * started with those positions sends them first. A request that was in flight may thus arrive twice;
     * receivers ignore a sample they already hold.
     */
    public Future<CursorPositions> stop() {
        closed = true;
        Promise<CursorPositions> stopped = Promise.promise();
        context.runOnContext(v -> {
            timers.forEach(vertx::cancelTimer);
            shards.stopAll();
            if (!readerRunning.get()) {
                readerStopped.tryComplete();
            }
            readerStopped.future().onComplete(idle -> {
                CursorPositions positions = undeliveredRewound();
                cursor.close();
                httpClient.close().onComplete(closedClient -> stopped.complete(positions));
            });
        });
        return stopped.future();
    }

    private CursorPositions undeliveredRewound() {
        Map<Long, Long> oldestUnsent = new HashMap<>();
        shards.forEachUnsent((series, timestamp) -> oldestUnsent.merge(series.ref(), timestamp, Math::min));
        oldestUnsent.forEach(cursor::rewind);
        return cursor.positions();
    }
}
