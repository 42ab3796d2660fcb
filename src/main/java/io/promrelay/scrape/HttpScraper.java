package io.promrelay.scrape;

import io.promrelay.config.ScrapeConfig;
import io.promrelay.http.ConfiguredRequests;
import io.promrelay.textparse.ExpositionFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Fetches one target's body the way Prometheus's scraper does: content negotiation between
 * OpenMetrics and text, gzip, the scrape-timeout header, the job's credentials and TLS settings, a
 * hard deadline for the whole exchange, body included, and a cap on the body size. A gzip-encoded
 * body is fetched as sent and decoded later on a scrape worker ({@link GzipBody}).
 */
public final class HttpScraper {
    /**
     * Connections per host:port. A scrape loop has at most one request in flight, so the targets sharing a
     * host:port (kubelet's /metrics and /metrics/cadvisor, say) bound the connections; the pool must never make
     * one target's scrape wait for another's, as Go's client, without a per-host cap, never does.
     */
    private static final int CONNECTIONS_PER_HOST = 1024;
    /** How much of an answer other than 200 is kept for classifying the failure. */
    private static final int ERROR_BODY_START = 512;

    private final HttpClient client;
    private final ScrapeConfig config;
    private final ConfiguredRequests requests;
    private final BodyLimit bodyLimit;
    private final String timeoutSeconds;

    HttpScraper(Vertx vertx, HttpClient client, ScrapeConfig config) {
        this.client = client;
        this.config = config;
        this.requests = new ConfiguredRequests(vertx, config.httpClient());
        this.bodyLimit = BodyLimit.of(config);
        this.timeoutSeconds = BigDecimal.valueOf(config.scrapeTimeout().toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /**
     * The client scrapers share: SNI for every host, redirects, keep-alive, no decoding of gzip on the event
     * loop, and no scrape queued behind another one to the same host:port.
     */
    public static HttpClient createClient(Vertx vertx) {
        return vertx.createHttpClient(new HttpClientOptions()
                        .setDecompressionSupported(false)
                        .setForceSni(true)
                        .setMaxRedirects(10)
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_HOST));
    }

    /** Fetches the target; fails with the reason Prometheus would give (status, timeout, TLS, limit). */
    Future<ScrapeBody> scrape(String url, int expectedSize) {
        URI uri = URI.create(url);
        return requests.options(HttpMethod.GET, uri)
                .compose(options -> fetch(uri, options, expectedSize))
                .recover(e -> Future.failedFuture(e instanceof ScrapeFailure f ? f
                        : new ScrapeFailure(describe(url, e), new FailureEvidence.Thrown(e))));
    }

    private Future<ScrapeBody> fetch(URI uri, RequestOptions options, int expectedSize) {
        long timeoutMillis = config.scrapeTimeout().toMillis();
        options.setConnectTimeout(timeoutMillis)
                .putHeader("Accept", ExpositionFormat.ACCEPT_HEADER)
                .putHeader("Accept-Encoding", "gzip")
                .putHeader("User-Agent", ConfiguredRequests.USER_AGENT)
                .putHeader("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds);
        return requests.exchange(client, uri, options, null, timeoutMillis, "context deadline exceeded",
                (request, response, result) -> readBody(request, response, expectedSize, result));
    }

    private void readBody(HttpClientRequest request, HttpClientResponse response, int expectedSize, Promise<ScrapeBody> result) {
        if (response.statusCode() != 200) {
            failWithStatus(request, response, result);
            return;
        }
        // Encoded bytes are never more than a fraction above the decoded ones, so the limit bounds both.
        BodyCollector body = new BodyCollector(expectedSize, bodyLimit.bytes());
        response.handler(chunk -> {
            if (!body.append(chunk) && result.tryFail(bodyLimit.exceeded())) {
                discard(request, response, result);
            }
        });
        response.exceptionHandler(result::tryFail);
        boolean gzip = "gzip".equalsIgnoreCase(response.getHeader("Content-Encoding"));
        response.endHandler(v -> result.tryComplete(body.finish(response.getHeader("Content-Type"), gzip)));
    }

    /**
     * Fails with the status once the answer's first bytes are in: they tell a Go HTTPS server's "Client sent an
     * HTTP request to an HTTPS server" apart from other 400s. A connection closed early still fails with the status.
     */
    private static void failWithStatus(HttpClientRequest request, HttpClientResponse response, Promise<ScrapeBody> result) {
        Buffer start = Buffer.buffer();
        Runnable fail = () -> result.tryFail(new ScrapeFailure(
                "server returned HTTP status " + response.statusCode() + " " + response.statusMessage(),
                new FailureEvidence.Status(response.statusCode(), start.toString(StandardCharsets.UTF_8))));
        response.handler(chunk -> {
            start.appendBuffer(chunk, 0, Math.min(chunk.length(), ERROR_BODY_START - start.length()));
            if (start.length() >= ERROR_BODY_START) {
                fail.run();
                discard(request, response, result);
            }
        });
        response.exceptionHandler(e -> fail.run());
        response.endHandler(v -> fail.run());
    }

    /**
     * Drops the rest of a response we no longer want by resetting the stream; the reset's own
     * error reaches the already settled result, so it is neither reported nor logged as unhandled.
     */
    private static void discard(HttpClientRequest request, HttpClientResponse response, Promise<ScrapeBody> result) {
        response.exceptionHandler(result::tryFail);
        request.reset();
    }

    private static String describe(String url, Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())) {
            message = message + ": " + e.getCause().getMessage();
        }
        return "Get \"" + url + "\": " + message;
    }
}
