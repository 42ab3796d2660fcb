package io.promrelay;

import io.promrelay.config.RemoteWriteConfig;
import io.promrelay.metrics.RelayMetrics;
import io.promrelay.model.Labels;
import io.promrelay.remote.send.EndpointStats;
import io.promrelay.remote.send.RemoteWriteEndpoint;
import io.promrelay.storage.CursorPositions;
import io.promrelay.storage.Head;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running remote-write endpoints, by name. A reload keeps an endpoint whose config and the external labels
 * are unchanged, with its position in the buffer and its queue; it stops a changed or removed one (what it had
 * queued stays unsent, as {@link RemoteWriteEndpoint#stop()} says) and starts a new or changed one at the head of
 * the buffer, as Prometheus starts the queue of a changed remote_write entry, or of every entry when the external
 * labels change.
 */
final class RemoteWrites {
    private record Running(RemoteWriteConfig config, RemoteWriteEndpoint endpoint) {
    }

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final Head head;
    private final RelayMetrics metrics;
    private final Duration retention;
    private Map<String, Running> running = Map.of();
    private Labels externalLabels = Labels.EMPTY;
    private volatile List<EndpointStats> stats = List.of();

    RemoteWrites(Vertx vertx, WorkerExecutor workers, Head head, RelayMetrics metrics, Duration retention) {
        this.vertx = vertx;
        this.workers = workers;
        this.head = head;
        this.metrics = metrics;
        this.retention = retention;
    }

    /**
     * Starts the endpoints of the config the relay starts with; each resumes from its position in {@code restored}
     * (by {@link RemoteWriteEndpoint#positionKey}) or, without one, sends whatever the buffer already holds.
     */
    synchronized void start(List<RemoteWriteConfig> configs, Labels labels, Map<String, CursorPositions> restored) {
        externalLabels = labels;
        Map<String, Running> started = new LinkedHashMap<>();
        for (RemoteWriteConfig config : configs) {
            CursorPositions from = restored.getOrDefault(RemoteWriteEndpoint.positionKey(config), CursorPositions.NONE);
            started.put(config.name(), new Running(config, register(RemoteWriteEndpoint.start(vertx, workers, head,
                    config, labels, retention, from))));
        }
        replaceWith(started);
    }

    /**
     * Makes {@code configs} the running endpoints; completes once the stopped endpoints released their cursors and
     * the new ones started.
     */
    synchronized Future<ConfigChanges> update(List<RemoteWriteConfig> configs, Labels labels) {
        boolean sameLabels = labels.equals(externalLabels);
        Map<String, RemoteWriteConfig> wanted = new LinkedHashMap<>();
        configs.forEach(c -> wanted.put(c.name(), c));
        Map<String, RemoteWriteConfig> current = new LinkedHashMap<>();
        running.forEach((name, r) -> current.put(name, r.config()));
        ConfigChanges changes = ConfigChanges.between(current, wanted, (old, now) -> sameLabels && old.equals(now));
        List<Future<Void>> stopped = new ArrayList<>();
        running.forEach((name, r) -> {
            if (!changes.unchanged().contains(name)) {
                stopped.add(stop(r.endpoint()).mapEmpty());
            }
        });
        Map<String, Running> before = running;
        externalLabels = labels;
        // A changed endpoint's new cursor has the old one's name, so it may only open once the old one closed.
        return Future.join(stopped).transform(ignored -> {
            synchronized (this) {
                Map<String, Running> next = new LinkedHashMap<>();
                for (RemoteWriteConfig config : configs) {
                    String name = config.name();
                    next.put(name, changes.unchanged().contains(name) ? before.get(name)
                            : new Running(config, register(RemoteWriteEndpoint.startAtHead(vertx, workers, head,
                                    config, labels, retention))));
                }
                replaceWith(next);
            }
            return Future.succeededFuture(changes);
        });
    }

    /**
     * Stops every endpoint; completes with each one's position by {@link RemoteWriteEndpoint#positionKey}, for the
     * snapshot. An endpoint that failed to stop has no position worth keeping and resends the whole buffer.
     */
    synchronized Future<Map<String, CursorPositions>> stop() {
        Map<String, Future<CursorPositions>> stopped = new LinkedHashMap<>();
        running.values().forEach(r -> stopped.put(RemoteWriteEndpoint.positionKey(r.config()), stop(r.endpoint())));
        replaceWith(Map.of());
        return Future.join(List.copyOf(stopped.values())).transform(ignored -> {
            Map<String, CursorPositions> positions = new LinkedHashMap<>();
            stopped.forEach((key, position) -> positions.put(key,
                    position.succeeded() ? position.result() : CursorPositions.NONE));
            return Future.succeededFuture(positions);
        });
    }

    /** The running endpoints' figures, in config order. */
    List<EndpointStats> stats() {
        return stats;
    }

    private RemoteWriteEndpoint register(RemoteWriteEndpoint endpoint) {
        metrics.remoteWrite(endpoint.stats());
        return endpoint;
    }

    private Future<CursorPositions> stop(RemoteWriteEndpoint endpoint) {
        metrics.forgetRemoteWrite(endpoint.stats());
        return endpoint.stop();
    }

    private void replaceWith(Map<String, Running> next) {
        running = next;
        stats = next.values().stream().map(r -> r.endpoint().stats()).toList();
    }
}
