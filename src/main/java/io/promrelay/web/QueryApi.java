package io.promrelay.web;

import io.promrelay.promql.EngineOptions;
import io.promrelay.storage.MetadataStore;
import io.promrelay.storage.Querier;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Prometheus's query API over the buffer: the routes below {@code /api/v1} that Grafana's Prometheus datasource
 * uses. The routes Prometheus serves for POST too take an {@code application/x-www-form-urlencoded} body of at
 * most {@link #MAX_FORM_BYTES}; its fields are read before the URL's, as Go's {@code FormValue} does.
 */
public final class QueryApi {
    public static final int MAX_FORM_BYTES = 1024 * 1024;

    private final QueryEndpoints queries;
    private final SeriesEndpoints series;
    private final StatusEndpoints status;

    /**
     * @param engineOptions  the engine's limits; its timeout is the longest any call may take
     * @param maxConcurrent  calls evaluated at once, beyond which calls are refused with 503
     * @param configYaml     the effective configuration in force as /api/v1/status/config shows it, secrets hidden
     */
    public QueryApi(Querier querier, MetadataStore metadata, EngineOptions engineOptions, WorkerExecutor workers,
                    int maxConcurrent, Supplier<String> configYaml) {
        QueryRunner runner = new QueryRunner(workers, maxConcurrent, engineOptions.timeout());
        this.queries = new QueryEndpoints(engineOptions, querier, runner, System::currentTimeMillis);
        this.series = new SeriesEndpoints(querier, runner);
        this.status = new StatusEndpoints(configYaml, metadata, runner);
    }

    public void install(Router router) {
        getAndPost(router, "/api/v1/query", queries::instant);
        getAndPost(router, "/api/v1/query_range", queries::range);
        getAndPost(router, "/api/v1/format_query", queries::format);
        getAndPost(router, "/api/v1/query_exemplars", queries::exemplars);
        getAndPost(router, "/api/v1/series", series::series);
        getAndPost(router, "/api/v1/labels", series::labelNames);
        get(router, "/api/v1/label/:name/values", series::labelValues);
        get(router, "/api/v1/metadata", status::metadata);
        get(router, "/api/v1/status/buildinfo", status::buildInfo);
        get(router, "/api/v1/status/config", status::config);
    }

    private static void getAndPost(Router router, String path, BiConsumer<RoutingContext, ApiParams> endpoint) {
        Route route = router.route(path).method(HttpMethod.GET).method(HttpMethod.POST)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES).setMergeFormAttributes(false));
        handle(route, endpoint);
    }

    private static void get(Router router, String path, BiConsumer<RoutingContext, ApiParams> endpoint) {
        handle(router.get(path), endpoint);
    }

    private static void handle(Route route, BiConsumer<RoutingContext, ApiParams> endpoint) {
        route.handler(ctx -> {
            try {
                endpoint.accept(ctx, new ApiParams(ctx.request().formAttributes(), ctx.queryParams()));
            } catch (ApiError e) {
                ApiResponses.error(ctx, e);
            }
        }).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                ApiResponses.error(ctx, 413, "bad_data", "request body larger than " + MAX_FORM_BYTES + " bytes");
            } else {
                ctx.next();
            }
        });
    }
}
