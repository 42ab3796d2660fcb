package io.promrelay.remote.send;

import io.promrelay.config.QueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Gets one request body to the receiver: 2xx is done; 5xx, network errors and (when
 * {@code retry_on_http_429}) 429 are retried with {@link Backoff}; any other status refuses the body for
 * good, since sending it again cannot succeed. Retrying stops as soon as the body is no longer wanted
 * (its samples aged out of the buffer's retention), so nothing is retried forever.
 */
final class Delivery {
    /** How a body's delivery ended. */
    sealed interface Outcome {
        record Delivered() implements Outcome {
        }

        /** The receiver refused it with a status that retrying cannot change. */
        record Refused(int status, String bodyStart) implements Outcome {
        }

        /** Given up while retrying because the body was no longer wanted. */
        record Expired(String lastError) implements Outcome {
        }
    }

    /** Told before every retry, with the reason of the failed attempt. */
    interface RetryListener {
        void retrying(String reason);
    }

    private final Vertx vertx;
    private final RemoteWriteClient client;
    private final QueueConfig queue;
    private final LongSupplier clockMillis;

    Delivery(Vertx vertx, RemoteWriteClient client, QueueConfig queue, LongSupplier clockMillis) {
        this.vertx = vertx;
        this.client = client;
        this.queue = queue;
        this.clockMillis = clockMillis;
    }

    Future<Outcome> deliver(byte[] body, BooleanSupplier stillWanted, RetryListener listener) {
        Promise<Outcome> result = Promise.promise();
        attempt(body, stillWanted, listener, new Backoff(queue.minBackoff().toMillis(), queue.maxBackoff().toMillis()),
                result);
        return result.future();
    }

    private void attempt(byte[] body, BooleanSupplier stillWanted, RetryListener listener, Backoff backoff,
                         Promise<Outcome> result) {
        client.post(body).onComplete(ar -> {
            String reason;
            String retryAfter = null;
            if (ar.failed()) {
                reason = describe(ar.cause());
            } else {
                RemoteWriteClient.Response response = ar.result();
                int status = response.status();
                if (status / 100 == 2) {
                    result.complete(new Outcome.Delivered());
                    return;
                }
                boolean recoverable = status / 100 == 5 || (status == 429 && queue.retryOnHttp429());
                if (!recoverable) {
                    result.complete(new Outcome.Refused(status, response.bodyStart()));
                    return;
                }
                reason = "server returned HTTP status " + status + ": " + response.bodyStart().strip();
                retryAfter = response.retryAfter();
            }
            if (!stillWanted.getAsBoolean()) {
                result.complete(new Outcome.Expired(reason));
                return;
            }
            listener.retrying(reason);
            long wait = backoff.next(RetryAfter.millis(retryAfter, clockMillis.getAsLong()));
            vertx.setTimer(Math.max(1, wait), id -> attempt(body, stillWanted, listener, backoff, result));
        });
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())
                ? message + ": " + e.getCause().getMessage() : message;
    }
}
