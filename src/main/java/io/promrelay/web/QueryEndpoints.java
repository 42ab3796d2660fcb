package io.promrelay.web;

import io.promrelay.promql.Engine;
import io.promrelay.promql.EngineOptions;
import io.promrelay.promql.Expr;
import io.promrelay.promql.ParseException;
import io.promrelay.storage.Querier;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.function.LongSupplier;

/** {@code /api/v1/query}, {@code query_range}, {@code format_query} and {@code query_exemplars}. */
final class QueryEndpoints {
    private static final long MAX_POINTS_PER_SERIES = 11_000;

    private final EngineOptions engineOptions;
    private final Querier querier;
    private final QueryRunner runner;
    private final LongSupplier clock;

    QueryEndpoints(EngineOptions engineOptions, Querier querier, QueryRunner runner, LongSupplier clock) {
        this.engineOptions = engineOptions;
        this.querier = querier;
        this.runner = runner;
        this.clock = clock;
    }

    void instant(RoutingContext ctx, ApiParams params) {
        long time = params.time("time", clock.getAsLong());
        Duration requested = requestedTimeout(params);
        String query = params.value("query");
        runner.run(ctx, requested, budget -> {
            Expr expr = parse(query, true);
            return new QueryRunner.Answer(ApiJson.queryData(engine(budget).instantQuery(querier, expr, time)));
        });
    }

    void range(RoutingContext ctx, ApiParams params) {
        long start = params.requiredTime("start");
        long end = params.requiredTime("end");
        if (end < start) {
            throw ApiError.invalidParam("end", "end timestamp must not be before start time");
        }
        long stepNanos = params.durationNanos("step");
        long stepMillis = stepNanos / 1_000_000;
        if (stepMillis <= 0) {
            throw ApiError.invalidParam("step",
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (Math.floor((double) (end - start) * 1e6 / stepNanos) > MAX_POINTS_PER_SERIES) {
            throw ApiError.badData("exceeded maximum resolution of 11,000 points per timeseries."
                    + " Try decreasing the query resolution (?step=XX)");
        }
        Duration requested = requestedTimeout(params);
        String query = params.value("query");
        runner.run(ctx, requested, budget -> {
            Expr expr = parse(query, false);
            return new QueryRunner.Answer(ApiJson.queryData(
                    engine(budget).rangeQuery(querier, expr, start, end, stepMillis)));
        });
    }

    /** The query in Prometheus's canonical form; parsing is cheap enough for the event loop. */
    void format(RoutingContext ctx, ApiParams params) {
        ApiResponses.success(ctx, new QueryRunner.Answer(Json.encode(parse(params.value("query"), true).toString())));
    }

    /** The relay keeps no exemplars: a valid request gets an empty list, an invalid one Prometheus's error. */
    void exemplars(RoutingContext ctx, ApiParams params) {
        long start = params.time("start", ApiParams.MIN_TIME);
        long end = params.time("end", ApiParams.MAX_TIME);
        if (end < start) {
            throw ApiError.badData("end timestamp must not be before start timestamp");
        }
        parse(params.value("query"), false);
        ApiResponses.success(ctx, new QueryRunner.Answer("[]"));
    }

    private Engine engine(Duration budget) {
        return new Engine(engineOptions.withTimeout(budget));
    }

    private static Duration requestedTimeout(ApiParams params) {
        return params.has("timeout") ? Duration.ofNanos(Math.max(0, params.durationNanos("timeout"))) : null;
    }

    /**
     * Prometheus names the parameter in parse errors of instant queries and format_query but not of range
     * queries and exemplar queries; the difference is kept so that clients matching on messages see the same.
     */
    private static Expr parse(String query, boolean nameParameter) {
        try {
            return Engine.parse(query);
        } catch (ParseException e) {
            throw nameParameter ? ApiError.invalidParam("query", e.getMessage()) : ApiError.badData(e.getMessage());
        }
    }
}
