package io.promrelay.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.promrelay.model.Labels;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.storage.Querier;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** The relay's HTTP routes. Handlers only translate HTTP to calls on the packages below. */
public final class HttpApi {
    private static final int MAX_CONCURRENT_FEDERATIONS = 8;

    private HttpApi() {
    }

    /**
     * @param externalLabels the external labels of the config in force, added to /federate's series
     * @param metricsText renders the relay's own metrics in the text format
     * @param ready       true once the configuration is loaded and the scrape pools run
     * @param writes      the receiver of {@code POST /api/v1/write}
     * @param queries     the query API under /api/v1
     */
    public static Router router(Vertx vertx, Querier querier, Supplier<Labels> externalLabels, WorkerExecutor queryWorkers,
                                Supplier<List<ScrapePool>> pools, MeterRegistry registry,
                                Supplier<String> metricsText, BooleanSupplier ready, WriteReceiver writes,
                                QueryApi queries) {
        Router router = Router.router(vertx);
        new RemoteWriteHandler(writes.ingester(), writes.workers(), 2 * writes.workerCount(),
                new RemoteWriteCounters(registry)).install(router);
        router.get("/federate").handler(new FederateHandler(querier, externalLabels, queryWorkers,
                MAX_CONCURRENT_FEDERATIONS, registry));
        router.get("/metrics").handler(ctx -> queryWorkers.executeBlocking(metricsText::get, false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", FederateHandler.CONTENT_TYPE).end(text))
                .onFailure(ctx::fail));
        router.get("/api/v1/targets").handler(new TargetsHandler(pools));
        queries.install(router);
        router.get("/-/healthy").handler(ctx -> ctx.response().end("promrelay is Healthy.\n"));
        router.get("/-/ready").handler(ctx -> {
            if (ready.getAsBoolean()) {
                ctx.response().end("promrelay is Ready.\n");
            } else {
                ctx.response().setStatusCode(503).end("Service Unavailable\n");
            }
        });
        return router;
    }
}
