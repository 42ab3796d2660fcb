package io.promrelay;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;
import io.promrelay.config.RelayConfig;
import io.promrelay.metrics.RelayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Reloads the config on request (SIGHUP, {@code POST /-/reload}). Reloads run one at a time on a thread of their
 * own, so reading the file and waiting for stopped endpoints never holds an event loop. A request made while a
 * reload runs waits for the next one, which all requests made meanwhile share: at most one reload runs and one
 * waits, however many are asked for.
 *
 * <p>The new file is loaded and validated whole before anything changes; an invalid one changes nothing, is logged
 * with the loader's file:line:key message and sets {@code promrelay_config_last_reload_successful} to 0. The
 * {@code promrelay} section sizes the buffer, the worker pools and the HTTP server when the relay starts, so a
 * reload that changes it is refused as a whole, leaving the buffer untouched.
 */
final class ConfigReloader {
    /** Applies a validated config to the running relay; completes with what changed, for the log. */
    @FunctionalInterface
    interface Applier {
        Future<String> apply(Config next);
    }

    private static final Logger LOG = Logger.getLogger(ConfigReloader.class.getName());
    private static final long APPLY_TIMEOUT_SECONDS = 60;

    private final ConfigSource source;
    private final Applier applier;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "promrelay-reload");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private Promise<Void> waiting;
    private boolean closing;
    private volatile Config current;
    private volatile boolean lastSucceeded = true;
    private volatile long lastSuccessMillis = System.currentTimeMillis();

    /** @param initial the config the relay started with; loading it counts as the first successful reload */
    ConfigReloader(Config initial, ConfigSource source, Applier applier, RelayMetrics metrics) {
        this.current = initial;
        this.source = source;
        this.applier = applier;
        metrics.configReloads(() -> lastSucceeded, () -> lastSuccessMillis / 1000.0);
    }

    /** The config in force. */
    Config current() {
        return current;
    }

    /** Fails with the reason when the new config is invalid or cannot be applied; the running one then stays. */
    Future<Void> reload() {
        synchronized (lock) {
            if (closing) {
                return Future.failedFuture("the relay is shutting down");
            }
            if (waiting == null) {
                Promise<Void> next = Promise.promise();
                waiting = next;
                thread.execute(() -> {
                    synchronized (lock) {
                        waiting = null;
                    }
                    run(next);
                });
            }
            return waiting.future();
        }
    }

    /** Refuses further reloads; completes once a reload that is running has finished. */
    Future<Void> close() {
        Promise<Void> idle = Promise.promise();
        synchronized (lock) {
            closing = true;
            if (waiting != null) {
                waiting.tryFail("the relay is shutting down");
            }
            thread.execute(idle::complete);
            thread.shutdown();
        }
        return idle.future();
    }

    private void run(Promise<Void> done) {
        synchronized (lock) {
            if (closing) {
                done.tryFail("the relay is shutting down");
                return;
            }
        }
        try {
            Config next = source.load();
            refuseFixedChanges(current.relay(), next);
            String changes = applier.apply(next).toCompletionStage().toCompletableFuture()
                    .get(APPLY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            current = next;
            lastSuccessMillis = System.currentTimeMillis();
            lastSucceeded = true;
            LOG.info("reloaded config " + next.file() + ": " + changes);
            done.tryComplete();
        } catch (ConfigException | IllegalArgumentException e) {
            failed(done, e.getMessage());
        } catch (ExecutionException e) {
            failed(done, "applying the new config failed: " + e.getCause());
        } catch (RuntimeException e) {
            // Building a job's pool or discovery failed; nothing running was touched yet.
            failed(done, "applying the new config failed: " + e);
        } catch (TimeoutException e) {
            failed(done, "applying the new config took longer than " + APPLY_TIMEOUT_SECONDS + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(done, "interrupted");
        }
    }

    private void failed(Promise<Void> done, String reason) {
        lastSucceeded = false;
        LOG.severe("config reload failed, the running config stays: " + reason);
        done.tryFail(reason);
    }

    private static void refuseFixedChanges(RelayConfig running, Config next) throws ConfigException {
        RelayConfig wanted = next.relay();
        if (wanted.equals(running)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        if (!wanted.listenAddress().equals(running.listenAddress())) {
            keys.add("promrelay.listen_address");
        }
        if (!wanted.retention().equals(running.retention())) {
            keys.add("promrelay.retention");
        }
        if (wanted.maxActiveSeries() != running.maxActiveSeries()) {
            keys.add("promrelay.max_active_series");
        }
        if (wanted.maxScrapeConcurrency() != running.maxScrapeConcurrency()) {
            keys.add("promrelay.max_scrape_concurrency");
        }
        if (wanted.maxBufferBytes() != running.maxBufferBytes()) {
            keys.add("promrelay.max_buffer_bytes");
        }
        String which = keys.isEmpty() ? "the promrelay section" : String.join(", ", keys);
        throw new ConfigException(next.file() + ": " + which + " cannot change while promrelay runs (the buffer,"
                + " worker pools and HTTP server keep the settings they started with); restart promrelay to apply it,"
                + " or undo the change to reload the rest");
    }
}
