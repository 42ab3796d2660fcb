package io.promrelay.web;

import io.promrelay.remote.DecodedWrite;
import io.promrelay.remote.Rejection;
import io.promrelay.remote.RemoteWriteException;
import io.promrelay.remote.RemoteWriteIngester;
import io.promrelay.remote.WriteRequestDecoder;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 into the buffer. Headers are checked before the body is
 * read, the body is buffered up to {@link #MAX_BODY_BYTES}, and decoding and appending run on the write workers.
 *
 * <p>Statuses, chosen so that a sender retries exactly the requests that can succeed later (Prometheus and vmagent
 * retry 5xx, retry 429 when configured to, and drop other 4xx):
 * <ul>
 * <li>204 written, as Prometheus answers;
 * <li>415 a content type other than {@code application/x-protobuf} (remote write 1.0 message) or an encoding other
 *     than snappy;
 * <li>413 a body over {@link #MAX_BODY_BYTES}, or one whose snappy header declares more than
 *     {@link #MAX_UNCOMPRESSED_BYTES};
 * <li>400 bad snappy, bad protobuf, invalid labels or metadata, and samples the buffer refuses (out of order,
 *     duplicate timestamp, too old) — Prometheus's answer, as resending the same samples cannot succeed; also a
 *     request holding more series than the buffer's series cap, which no retry can ever fit;
 * <li>429 with Retry-After when the series cap is reached: space frees only when idle series age out, which may take
 *     up to the retention period, so the request is marked as limited rather than failed. A 5xx would make
 *     Prometheus retry it without end and stall that sender's queue behind it; a 429 is retried with backoff by
 *     senders configured for it and dropped (and counted there) by the others;
 * <li>503 with Retry-After when {@code 2 × workers} requests are already in flight: a brief overload any sender
 *     should retry.
 * </ul>
 * A refused request leaves nothing in the buffer.
 */
final class RemoteWriteHandler {
    static final String PATH = "/api/v1/write";
    /** Compressed bodies above this are refused; VictoriaMetrics' receiver uses the same default. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    /**
     * Decompressed messages above this are refused before they are allocated; with
     * {@link io.promrelay.remote.WriteRequestDecoder#MAX_ENTRIES} it bounds what one decode holds in memory.
     */
    static final int MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
    private static final String CONTENT_TYPE = "application/x-protobuf";
    private static final String MESSAGE_V1 = "prometheus.WriteRequest";
    /** Series leave the buffer at the retention sweep, which runs at most a minute apart. */
    private static final String SERIES_LIMIT_RETRY_AFTER_SECONDS = "60";
    private static final String OVERLOAD_RETRY_AFTER_SECONDS = "1";
    private static final Logger LOG = Logger.getLogger(RemoteWriteHandler.class.getName());

    private final RemoteWriteIngester ingester;
    private final WorkerExecutor workers;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RemoteWriteCounters counters;

    RemoteWriteHandler(RemoteWriteIngester ingester, WorkerExecutor workers, int maxInFlight,
                       RemoteWriteCounters counters) {
        this.ingester = ingester;
        this.workers = workers;
        this.maxInFlight = maxInFlight;
        this.counters = counters;
    }

    void install(Router router) {
        // Vert.x only lets platform handlers run before the body handler; the admission check is one in spirit,
        // as it decides from the headers and the load whether the body is read at all.
        router.post(PATH)
                .handler((PlatformHandler) this::admit)
                .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .handler(this::write)
                .failureHandler(this::failed);
    }

    private void admit(RoutingContext ctx) {
        String contentTypeProblem = contentTypeProblem(ctx.request().getHeader("Content-Type"));
        if (contentTypeProblem != null) {
            reject(ctx, 415, "unsupported_media_type", 0, contentTypeProblem);
            return;
        }
        String encoding = ctx.request().getHeader("Content-Encoding");
        // A missing encoding is taken as snappy, as Prometheus does, so minimal 1.0 senders keep working.
        if (encoding != null && !encoding.trim().equalsIgnoreCase("snappy")) {
            reject(ctx, 415, "unsupported_media_type", 0,
                    encoding + " encoding (compression) is not accepted by this server; only snappy is acceptable");
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            ctx.response().putHeader("Retry-After", OVERLOAD_RETRY_AFTER_SECONDS);
            reject(ctx, 503, "overloaded", 0,
                    "too many concurrent remote-write requests (limit " + maxInFlight + "), retry later");
            return;
        }
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        ctx.next();
    }

    /** Null when the type is remote write 1.0's, else what is wrong with it. */
    static String contentTypeProblem(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "missing Content-Type: expected " + CONTENT_TYPE;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(CONTENT_TYPE)) {
            return "expected " + CONTENT_TYPE + " as the media type, got Content-Type " + contentType;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("proto")
                    && !pair[1].trim().replace("\"", "").equals(MESSAGE_V1)) {
                return pair[1].trim() + " protobuf message is not accepted by this server; accepted " + MESSAGE_V1;
            }
        }
        return null;
    }

    private void write(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        workers.executeBlocking(() -> decodeAndIngest(body), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "remote write failed unexpectedly", ar.cause());
                reject(ctx, 500, "internal_error", 0, "remote write failed: " + ar.cause());
                return;
            }
            Outcome outcome = ar.result();
            if (outcome.error() == null) {
                counters.written(outcome.samples());
                counters.answered(204);
                ctx.response().setStatusCode(204).end();
                return;
            }
            RemoteWriteException e = outcome.error();
            int status = switch (e.rejection()) {
                case TOO_LARGE -> 413;
                case SERIES_LIMIT, BUFFER_FULL -> 429;
                case BAD_SNAPPY, BAD_PROTOBUF, INVALID_LABELS, INVALID_METADATA, OUT_OF_ORDER, DUPLICATE_TIMESTAMP,
                     TOO_OLD, MORE_SERIES_THAN_LIMIT -> 400;
            };
            if (status == 429) {
                ctx.response().putHeader("Retry-After", SERIES_LIMIT_RETRY_AFTER_SECONDS);
            }
            reject(ctx, status, e.rejection().label(), outcome.samples(), e.getMessage());
        });
    }

    /** What a request came to; {@code samples} is 0 when it did not decode. */
    private record Outcome(long samples, RemoteWriteException error) {
    }

    private Outcome decodeAndIngest(byte[] body) {
        DecodedWrite write;
        try {
            write = new WriteRequestDecoder(MAX_UNCOMPRESSED_BYTES).decode(body);
        } catch (RemoteWriteException e) {
            return new Outcome(0, e);
        }
        counters.received(write.series().size(), write.samples());
        try {
            ingester.ingest(write);
            return new Outcome(write.samples(), null);
        } catch (RemoteWriteException e) {
            return new Outcome(write.samples(), e);
        }
    }

    /** The body handler fails the route with 413 when the body outgrows the limit. */
    private void failed(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            reject(ctx, 413, Rejection.TOO_LARGE.label(), 0, "request body exceeds the limit of " + MAX_BODY_BYTES + " bytes");
            return;
        }
        LOG.log(Level.WARNING, "remote write failed unexpectedly", ctx.failure());
        reject(ctx, 500, "internal_error", 0, "remote write failed: "
                + (ctx.failure() == null ? "status " + ctx.statusCode() : ctx.failure().toString()));
    }

    private void reject(RoutingContext ctx, int status, String reason, long samples, String message) {
        counters.answered(status);
        counters.rejected(reason, samples);
        if (status >= 500 || status == 429) {
            LOG.fine(() -> "remote write answered " + status + ": " + message);
        } else {
            LOG.warning(() -> "remote write refused with " + status + ": " + message);
        }
        if (!ctx.response().ended()) {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end(message + "\n");
        }
    }
}
