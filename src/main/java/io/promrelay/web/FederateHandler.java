package io.promrelay.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.promrelay.federate.FederationWriter;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.promql.SeriesSelectorParser;
import io.promrelay.storage.Querier;
import io.vertx.core.Handler;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code GET /federate?match[]=...}. The walk over the buffer runs on the query workers in pieces;
 * each piece is written to the socket and the next is only produced once the socket can take it,
 * so a slow client holds back the walk instead of piling output up in memory.
 */
final class FederateHandler implements Handler<RoutingContext> {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final int PIECE_CHARS = 64 * 1024;

    private final Querier querier;
    private final Supplier<Labels> externalLabels;
    private final WorkerExecutor workers;
    private final int maxConcurrent;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final MeterRegistry registry;

    FederateHandler(Querier querier, Supplier<Labels> externalLabels, WorkerExecutor workers, int maxConcurrent, MeterRegistry registry) {
        this.querier = querier;
        this.externalLabels = externalLabels;
        this.workers = workers;
        this.maxConcurrent = maxConcurrent;
        this.registry = registry;
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<String> params = ctx.queryParam("match[]");
        if (params.isEmpty()) {
            reply(ctx, 400, "bad request: at least one match[] parameter is required, e.g. match[]={job=\"node\"}\n");
            return;
        }
        List<List<Matcher>> selectors = new ArrayList<>(params.size());
        for (String p : params) {
            try {
                selectors.add(SeriesSelectorParser.parse(p));
            } catch (IllegalArgumentException e) {
                reply(ctx, 400, "bad request: match[]=" + p + ": " + e.getMessage() + "\n");
                return;
            }
        }
        if (inFlight.incrementAndGet() > maxConcurrent) {
            inFlight.decrementAndGet();
            reply(ctx, 503, "too many concurrent /federate requests (limit " + maxConcurrent + "), retry later\n");
            return;
        }
        HttpServerResponse response = ctx.response();
        long now = System.currentTimeMillis();
        Labels labels = externalLabels.get();
        workers.executeBlocking(() -> new FederationWriter(querier, selectors, labels, now), false)
                .onSuccess(writer -> {
                    response.setChunked(true).putHeader("Content-Type", CONTENT_TYPE);
                    stream(response, writer);
                })
                .onFailure(e -> {
                    inFlight.decrementAndGet();
                    reply(ctx, 500, "federation failed: " + e.getMessage() + "\n");
                });
    }

    private void stream(HttpServerResponse response, FederationWriter writer) {
        workers.executeBlocking(() -> {
            StringBuilder piece = new StringBuilder(PIECE_CHARS + 1024);
            boolean more = writer.writeSome(piece, PIECE_CHARS);
            return new Piece(Buffer.buffer(piece.toString()), more);
        }, false).onComplete(ar -> {
            if (ar.failed() || response.closed()) {
                done(ar.failed() ? 500 : 499);
                if (!response.closed()) {
                    response.reset();
                }
                return;
            }
            Piece piece = ar.result();
            response.write(piece.bytes());
            if (!piece.more()) {
                response.end();
                done(200);
            } else if (response.writeQueueFull()) {
                response.drainHandler(v -> stream(response, writer));
            } else {
                stream(response, writer);
            }
        });
    }

    private record Piece(Buffer bytes, boolean more) {
    }

    private void done(int code) {
        inFlight.decrementAndGet();
        count(code);
    }

    private void count(int code) {
        Counter.builder("promrelay.federate.requests").description("Requests to /federate by HTTP status.")
                .tag("code", String.valueOf(code)).register(registry).increment();
    }

    private void reply(RoutingContext ctx, int status, String body) {
        count(status);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(body);
    }
}
