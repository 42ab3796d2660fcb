package io.promrelay.remote.send;

import io.promrelay.config.RemoteWriteConfig;
import io.promrelay.http.ConfiguredRequests;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * POSTs remote write bodies to one endpoint with the protocol's headers, the configured extra headers
 * and the HTTP client block, within {@code remote_timeout}. Only the start of a response body is kept: it
 * is for the log, and a misbehaving receiver must not make the relay buffer megabytes of HTML.
 */
final class RemoteWriteClient {
    static final int KEPT_BODY_BYTES = 256;

    /** What the receiver answered; {@code retryAfter} is the raw header or null. */
    record Response(int status, String retryAfter, String bodyStart) {
    }

    private final HttpClient client;
    private final RemoteWriteConfig config;
    private final URI uri;
    private final ConfiguredRequests requests;

    RemoteWriteClient(Vertx vertx, HttpClient client, RemoteWriteConfig config) {
        this.client = client;
        this.config = config;
        this.uri = URI.create(config.url());
        this.requests = new ConfiguredRequests(vertx, config.httpClient());
    }

    /** Fails on network errors, timeouts and unreadable credential files; any HTTP status is a response. */
    Future<Response> post(byte[] body) {
        return requests.options(HttpMethod.POST, uri).compose(options -> requests.exchange(client, uri,
                withHeaders(options), Buffer.buffer(body), config.remoteTimeout().toMillis(),
                "no answer within remote_timeout", (request, response, result) -> readResponse(response, result)));
    }

    private RequestOptions withHeaders(RequestOptions options) {
        config.headers().forEach(options::putHeader);
        return options
                .setConnectTimeout(config.remoteTimeout().toMillis())
                .putHeader("Content-Encoding", "snappy")
                .putHeader("Content-Type", "application/x-protobuf")
                .putHeader("X-Prometheus-Remote-Write-Version", "0.1.0")
                .putHeader("User-Agent", ConfiguredRequests.USER_AGENT);
    }

    private static void readResponse(HttpClientResponse response, Promise<Response> result) {
        Buffer kept = Buffer.buffer();
        response.handler(chunk -> {
            int room = KEPT_BODY_BYTES - kept.length();
            if (room > 0) {
                kept.appendBuffer(chunk.length() <= room ? chunk : chunk.slice(0, room));
            }
        });
        response.exceptionHandler(result::tryFail);
        response.endHandler(v -> result.tryComplete(new Response(response.statusCode(),
                response.getHeader("Retry-After"), kept.toString(StandardCharsets.UTF_8))));
    }
}
