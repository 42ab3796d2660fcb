package io.promrelay.web;

import io.promrelay.promql.QueryException;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs API work on the query workers, never on an event loop: at most {@code maxConcurrent} calls at once (more
 * are refused with 503 "unavailable" rather than queued without bound), each within the query timeout counted
 * from admission, and cancelled when its client disconnects.
 */
final class QueryRunner {
    private static final Logger LOG = Logger.getLogger(QueryRunner.class.getName());
    private static final long MIN_BUDGET_NANOS = 1_000_000;

    /** The {@code data} of an answer as JSON text, and the warnings that go with it. */
    record Answer(String dataJson, List<String> warnings) {
        Answer(String dataJson) {
            this(dataJson, List.of());
        }
    }

    /**
     * The work of one call, given the time it may still take; PromQL evaluation stops at that deadline, index
     * lookups (series, labels) are short enough to run to the end.
     */
    @FunctionalInterface
    interface Work {
        Answer run(Duration budget);
    }

    private final WorkerExecutor workers;
    private final int maxConcurrent;
    private final Duration timeout;
    private final AtomicInteger inFlight = new AtomicInteger();

    QueryRunner(WorkerExecutor workers, int maxConcurrent, Duration timeout) {
        this.workers = workers;
        this.maxConcurrent = maxConcurrent;
        this.timeout = timeout;
    }

    /** Runs {@code work} within the configured timeout, or {@code requested} when that is shorter. */
    void run(RoutingContext ctx, Duration requested, Work work) {
        if (inFlight.incrementAndGet() > maxConcurrent) {
            inFlight.decrementAndGet();
            ApiResponses.error(ctx, new ApiError(ApiError.Type.UNAVAILABLE,
                    "too many concurrent queries (limit " + maxConcurrent + "), retry later"));
            return;
        }
        long admitted = System.nanoTime();
        Duration limit = requested != null && requested.compareTo(timeout) < 0 ? requested : timeout;
        QueryCancellation cancellation = new QueryCancellation();
        ctx.response().closeHandler(v -> cancellation.cancel());
        workers.executeBlocking(() -> {
            cancellation.enter();
            try {
                long left = limit.toNanos() - (System.nanoTime() - admitted);
                if (left < MIN_BUDGET_NANOS) {
                    throw new ApiError(ApiError.Type.TIMEOUT, "query timed out in query execution");
                }
                return work.run(Duration.ofNanos(left));
            } finally {
                cancellation.exit();
            }
        }, false).onComplete(ar -> {
            inFlight.decrementAndGet();
            if (ctx.response().closed()) {
                return;
            }
            if (ar.succeeded()) {
                ApiResponses.success(ctx, ar.result());
            } else {
                ApiResponses.error(ctx, apiError(ar.cause()));
            }
        });
    }

    private static ApiError apiError(Throwable failure) {
        if (failure instanceof ApiError e) {
            return e;
        }
        if (failure instanceof QueryException e) {
            return ApiError.of(e);
        }
        LOG.log(Level.WARNING, "query API call failed", failure);
        return new ApiError(ApiError.Type.INTERNAL, String.valueOf(failure.getMessage()));
    }
}
