package io.promrelay;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigRenderer;
import io.promrelay.config.RemoteWriteConfig;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.discovery.DiscoveryObserver;
import io.promrelay.discovery.DiscoveryProviders;
import io.promrelay.discovery.JobDiscovery;
import io.promrelay.metrics.RelayMetrics;
import io.promrelay.promql.EngineOptions;
import io.promrelay.remote.RemoteWriteIngester;
import io.promrelay.remote.send.RemoteWriteEndpoint;
import io.promrelay.scrape.HttpScraper;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.promrelay.web.HttpApi;
import io.promrelay.web.HumanPages;
import io.promrelay.web.QueryApi;
import io.promrelay.web.RemoteWriteStatus;
import io.promrelay.web.WriteReceiver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * A running relay: the buffer, one scrape pool per job fed by that job's discovery, one forwarder per
 * remote-write endpoint, the retention sweep, and the HTTP server (which also receives remote write into
 * the buffer). Everything shares the one Vert.x instance it is given.
 */
public final class Relay {
    private static final Logger LOG = Logger.getLogger(Relay.class.getName());
    /** Threads of the query pool beyond the query API's own, for /federate, /metrics and the retention sweep. */
    private static final int QUERY_WORKERS = 2;
    private static final int WRITE_WORKERS = 4;
    private static final long MAX_RETENTION_SWEEP_MILLIS = 60_000;

    private final Vertx vertx;
    private final Head head;
    private final List<ScrapePool> pools = new ArrayList<>();
    private final List<JobDiscovery> discoveries = new ArrayList<>();
    private final List<RemoteWriteEndpoint> remoteWrites = new ArrayList<>();
    private final WorkerExecutor scrapeWorkers;
    private final WorkerExecutor queryWorkers;
    private final WorkerExecutor writeWorkers;
    private final WorkerExecutor remoteWriteWorkers;
    private final HttpClient scrapeClient;
    private long retentionTimer = -1;
    private HttpServer server;
    private volatile boolean ready;

    private Relay(Vertx vertx, Config config, QuerySettings querySettings) {
        this.vertx = vertx;
        this.head = new Head(new HeadOptions(config.relay().retention(), config.relay().maxActiveSeries(), System::currentTimeMillis));
        this.scrapeWorkers = vertx.createSharedWorkerExecutor("promrelay-scrape", config.relay().maxScrapeConcurrency());
        this.queryWorkers = vertx.createSharedWorkerExecutor("promrelay-query",
                QUERY_WORKERS + querySettings.maxConcurrency());
        this.writeWorkers = vertx.createSharedWorkerExecutor("promrelay-write", WRITE_WORKERS);
        this.remoteWriteWorkers = vertx.createSharedWorkerExecutor("promrelay-remote-write",
                Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.scrapeClient = vertx.createHttpClient(HttpScraper.clientOptions());
    }

    /** Starts everything for the config; "host:0" as listen address picks a free port. */
    public static Future<Relay> start(Vertx vertx, Config config) {
        return start(vertx, config, QuerySettings.DEFAULTS);
    }

    public static Future<Relay> start(Vertx vertx, Config config, QuerySettings querySettings) {
        Relay relay = new Relay(vertx, config, querySettings);
        return relay.run(config, querySettings).map(relay);
    }

    private Future<Void> run(Config config, QuerySettings querySettings) {
        RelayMetrics metrics = new RelayMetrics(head);
        for (ScrapeConfig sc : config.scrapeConfigs()) {
            ScrapePool pool = new ScrapePool(vertx, scrapeWorkers, scrapeClient, sc, head::appender, head.metadata(), metrics);
            pools.add(pool);
            DiscoveryObserver observer = (job, mechanism, reason) -> {
                metrics.refreshFailed(job, mechanism, reason);
                pool.discoveryFailed(mechanism, reason);
            };
            discoveries.add(new JobDiscovery(DiscoveryProviders.forJob(vertx, sc, observer), pool::sync));
        }
        for (RemoteWriteConfig rw : config.remoteWriteConfigs()) {
            RemoteWriteEndpoint endpoint = RemoteWriteEndpoint.start(vertx, remoteWriteWorkers, head, rw,
                    config.global().externalLabels(), config.relay().retention());
            remoteWrites.add(endpoint);
            metrics.remoteWrite(endpoint.stats());
        }
        long sweep = Math.min(MAX_RETENTION_SWEEP_MILLIS, Math.max(1000, config.relay().retention().toMillis() / 10));
        retentionTimer = vertx.setPeriodic(sweep, id -> queryWorkers.executeBlocking(() -> {
            head.truncate();
            return null;
        }, false));
        Router router = HttpApi.router(vertx, head.querier(), config.global().externalLabels(), queryWorkers,
                () -> List.copyOf(pools), metrics.registry(), metrics::scrape, () -> ready,
                new WriteReceiver(new RemoteWriteIngester(head::appender, head.metadata(), config.relay().maxActiveSeries()),
                        writeWorkers, WRITE_WORKERS),
                new QueryApi(head.querier(), head.metadata(), EngineOptions.defaults().withTimeout(querySettings.timeout())
                        .withMaxSamples(querySettings.maxSamples()),
                        queryWorkers, querySettings.maxConcurrency(), ConfigRenderer.toYaml(config)));
        HumanPages.mount(router, () -> List.copyOf(pools), config, head::stats,
                new RemoteWriteStatus(remoteWrites.stream().map(RemoteWriteEndpoint::stats).toList()), Instant.now());
        HostPort listen = HostPort.parse(config.relay().listenAddress());
        HttpServerOptions serverOptions = new HttpServerOptions()
                .setCompressionSupported(true)
                .setMaxInitialLineLength(64 * 1024)
                .setMaxHeaderSize(64 * 1024)
                // A form field (a POSTed query or match[]) may fill the form body; Vert.x's default is 8 KiB.
                .setMaxFormAttributeSize(QueryApi.MAX_FORM_BYTES)
                .setMaxFormBufferedBytes(QueryApi.MAX_FORM_BYTES);
        return vertx.createHttpServer(serverOptions).requestHandler(router).listen(listen.port(), listen.host())
                .map(s -> {
                    server = s;
                    discoveries.forEach(JobDiscovery::start);
                    ready = true;
                    LOG.info("promrelay listening on " + listen.host() + ":" + s.actualPort() + " with "
                            + pools.size() + " scrape job(s) and " + remoteWrites.size()
                            + " remote write endpoint(s), config " + config.file());
                    return null;
                });
    }

    public int httpPort() {
        return server.actualPort();
    }

    public Head head() {
        return head;
    }

    public Future<Void> close() {
        ready = false;
        vertx.cancelTimer(retentionTimer);
        discoveries.forEach(JobDiscovery::stop);
        pools.forEach(ScrapePool::stop);
        List<Future<Void>> stopped = new ArrayList<>();
        remoteWrites.forEach(endpoint -> stopped.add(endpoint.stop()));
        stopped.add(server == null ? Future.succeededFuture() : server.close());
        return Future.join(stopped).transform(ar -> scrapeClient.close()).andThen(v -> {
            scrapeWorkers.close();
            queryWorkers.close();
            writeWorkers.close();
            remoteWriteWorkers.close();
        });
    }
}
