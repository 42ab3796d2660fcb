package io.promrelay;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigRenderer;
import io.promrelay.config.ConfigLoader;
import io.promrelay.metrics.RelayMetrics;
import io.promrelay.promql.EngineOptions;
import io.promrelay.remote.RemoteWriteIngester;
import io.promrelay.scrape.HttpScraper;
import io.promrelay.storage.CursorPositions;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.storage.SnapshotFile;
import io.promrelay.web.HttpApi;
import io.promrelay.web.HumanPages;
import io.promrelay.web.LifecycleEndpoints;
import io.promrelay.web.QueryApi;
import io.promrelay.web.RemoteWriteStatus;
import io.promrelay.web.WriteReceiver;
import io.promrelay.web.auth.WebSecurity;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * A running relay: the buffer, one scrape pool per job fed by that job's discovery, one forwarder per
 * remote-write endpoint, the retention sweep, and the HTTP server (which also receives remote write into
 * the buffer). Everything shares the one Vert.x instance it is given. A reload replaces the jobs and endpoints
 * whose config changed and leaves the buffer and everything else as it is.
 */
public final class Relay {
    private static final Logger LOG = Logger.getLogger(Relay.class.getName());
    /** Threads of the query pool beyond the query API's own, for /federate, /metrics and the retention sweep. */
    private static final int QUERY_WORKERS = 2;
    private static final int WRITE_WORKERS = 4;
    private static final long MAX_RETENTION_SWEEP_MILLIS = 60_000;

    private final Vertx vertx;
    private final Head head;
    private final ScrapeJobs jobs;
    private final RemoteWrites remoteWrites;
    private final RelayMetrics metrics;
    private final ConfigReloader reloader;
    private final WorkerExecutor scrapeWorkers;
    private final WorkerExecutor queryWorkers;
    private final WorkerExecutor writeWorkers;
    private final WorkerExecutor remoteWriteWorkers;
    private final HttpClient scrapeClient;
    private final Path dataDirectory;
    private SnapshotFile snapshot;
    private long retentionTimer = -1;
    private HttpServer server;
    private WebSecurity security;
    private Router router;
    private volatile boolean ready;

    private Relay(Vertx vertx, Config config, QuerySettings querySettings, Lifecycle lifecycle, Path dataDirectory) {
        this.vertx = vertx;
        this.dataDirectory = dataDirectory;
        this.head = new Head(new HeadOptions(config.relay().retention(), config.relay().maxActiveSeries(), System::currentTimeMillis)
                .withMaxBytes(config.relay().maxBufferBytes(), evict -> vertx.executeBlocking(() -> {
                    evict.run();
                    return null;
                }, false)));
        this.scrapeWorkers = vertx.createSharedWorkerExecutor("promrelay-scrape", config.relay().maxScrapeConcurrency());
        this.queryWorkers = vertx.createSharedWorkerExecutor("promrelay-query",
                QUERY_WORKERS + querySettings.maxConcurrency());
        this.writeWorkers = vertx.createSharedWorkerExecutor("promrelay-write", WRITE_WORKERS);
        this.remoteWriteWorkers = vertx.createSharedWorkerExecutor("promrelay-remote-write",
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.scrapeClient = HttpScraper.createClient(vertx);
        this.metrics = new RelayMetrics(head);
        this.jobs = new ScrapeJobs(vertx, scrapeWorkers, scrapeClient, head, metrics);
        this.remoteWrites = new RemoteWrites(vertx, remoteWriteWorkers, head, metrics, config.relay().retention());
        this.reloader = new ConfigReloader(config, lifecycle.source(), this::apply, metrics);
    }

    /** Starts everything for the config; "host:0" as listen address picks a free port. */
    public static Future<Relay> start(Vertx vertx, Config config) {
        return start(vertx, config, QuerySettings.DEFAULTS);
    }

    /** A relay whose reloads read {@code config}'s file without flag overrides; the HTTP lifecycle endpoints refuse. */
    public static Future<Relay> start(Vertx vertx, Config config, QuerySettings querySettings) {
        return start(vertx, config, querySettings, Lifecycle.webDisabled(() -> ConfigLoader.load(config.file())));
    }

    public static Future<Relay> start(Vertx vertx, Config config, QuerySettings querySettings, Lifecycle lifecycle) {
        return start(vertx, config, querySettings, lifecycle, WebSettings.DEFAULTS, null);
    }

    /**
     * The relay with everything the command line sets: the web config and receiver switch ({@code web}) and the
     * data directory ({@code --storage.path}, null for none), where a snapshot found is restored before scraping
     * starts and one is written at {@link #close()}.
     */
    public static Future<Relay> start(Vertx vertx, Config config, QuerySettings querySettings, Lifecycle lifecycle,
                                      WebSettings web, Path dataDirectory) {
        return WebSecurity.load(vertx, web.configFile()).compose(security -> {
            Relay relay = new Relay(vertx, config, querySettings, lifecycle, dataDirectory);
            relay.security = security;
            return relay.restore().compose(positions -> relay.run(config, querySettings, lifecycle, web, positions))
                    .map(relay);
        });
    }

    private Future<Map<String, CursorPositions>> restore() {
        if (dataDirectory == null) {
            return Future.succeededFuture(Map.of());
        }
        return vertx.executeBlocking(() -> {
            snapshot = SnapshotFile.in(dataDirectory, System::currentTimeMillis);
            return snapshot.restoreInto(head);
        }, false);
    }

    private Future<Void> run(Config config, QuerySettings querySettings, Lifecycle lifecycle, WebSettings web,
                             Map<String, CursorPositions> positions) {
        jobs.update(config.scrapeConfigs());
        remoteWrites.start(config.remoteWriteConfigs(), config.global().externalLabels(), positions);
        long sweep = Math.min(MAX_RETENTION_SWEEP_MILLIS, Math.max(1000, config.relay().retention().toMillis() / 10));
        retentionTimer = vertx.setPeriodic(sweep, id -> queryWorkers.executeBlocking(() -> {
            head.truncate();
            return null;
        }, false));
        router = HttpApi.router(vertx, head.querier(), () -> reloader.current().global().externalLabels(),
                queryWorkers, jobs::pools, metrics.registry(), metrics::scrape, () -> ready,
                new WriteReceiver(new RemoteWriteIngester(head::appender, head.metadata(), config.relay().maxActiveSeries()),
                        writeWorkers, WRITE_WORKERS),
                web.remoteWriteReceiver(),
                new QueryApi(head.querier(), head.metadata(), EngineOptions.defaults().withTimeout(querySettings.timeout())
                        .withMaxSamples(querySettings.maxSamples()),
                        queryWorkers, querySettings.maxConcurrency(), () -> ConfigRenderer.toYaml(reloader.current())));
        security.install(router);
        HumanPages.mount(router, jobs::pools, reloader::current, head::stats,
                new RemoteWriteStatus(remoteWrites::stats), Instant.now());
        LifecycleEndpoints.install(router, lifecycle.webEnabled(), this::reload, lifecycle.quit());
        HostPort listen = HostPort.parse(config.relay().listenAddress());
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setCompressionSupported(true)
                .setMaxInitialLineLength(64 * 1024)
                .setMaxHeaderSize(64 * 1024)
                // A form field (a POSTed query or match[]) may fill the form body; Vert.x's default is 8 KiB.
                .setMaxFormAttributeSize(QueryApi.MAX_FORM_BYTES)
                .setMaxFormBufferedBytes(QueryApi.MAX_FORM_BYTES);
        security.applyTo(serverOptions);
        return vertx.createHttpServer(serverOptions).requestHandler(router).listen(listen.port(), listen.host())
                .map(s -> {
                    server = s;
                    security.watch(s);
                    jobs.start();
                    ready = true;
                    LOG.info("promrelay listening on " + listen.host() + ":" + s.actualPort() + " with "
                            + jobs.pools().size() + " scrape job(s) and " + remoteWrites.stats().size()
                            + " remote write endpoint(s), config " + config.file() + (security.tls() ? ", TLS" : ""));
                    return null;
                });
    }

    /** Reloads the config from the relay's {@link ConfigSource}; fails with the reason when it is not applied. */
    public Future<Void> reload() {
        return reloader.reload();
    }

    private Future<String> apply(Config next) {
        ConfigChanges jobChanges = jobs.update(next.scrapeConfigs());
        return remoteWrites.update(next.remoteWriteConfigs(), next.global().externalLabels())
                .map(endpointChanges -> "scrape jobs " + jobChanges.describe() + "; remote write endpoints "
                        + endpointChanges.describe());
    }

    private Future<Void> writeSnapshot(Map<String, CursorPositions> positions) {
        if (snapshot == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> snapshot.save(head, positions), false)
                .onFailure(e -> LOG.severe("snapshot not written to " + snapshot.path() + ": " + e))
                .mapEmpty();
    }

    public int httpPort() {
        return server.actualPort();
    }

    /** Every path the HTTP server routes, as registered (with {@code :name} parameters). */
    public List<String> httpPaths() {
        return router.getRoutes().stream().map(Route::getPath).filter(Objects::nonNull).distinct().toList();
    }

    public Head head() {
        return head;
    }

    /** Stops everything; with a data directory, once scraping and forwarding have stopped, writes the snapshot. */
    public Future<Void> close() {
        ready = false;
        security.close();
        return reloader.close().transform(idle -> stopAll());
    }

    private Future<Void> stopAll() {
        vertx.cancelTimer(retentionTimer);
        Future<Void> scrapingStopped = jobs.stop();
        Future<Map<String, CursorPositions>> positions = remoteWrites.stop();
        Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
        return Future.join(scrapingStopped, positions, serverClosed)
                .transform(ar -> positions.succeeded() ? writeSnapshot(positions.result()) : Future.succeededFuture())
                .transform(ar -> scrapeClient.close()).andThen(v -> {
            scrapeWorkers.close();
            queryWorkers.close();
            writeWorkers.close();
            remoteWriteWorkers.close();
        });
    }
}
