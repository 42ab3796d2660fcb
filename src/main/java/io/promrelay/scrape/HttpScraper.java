package io.promrelay.scrape;

import io.promrelay.config.ScrapeConfig;
import io.promrelay.http.ConfiguredRequests;
import io.promrelay.textparse.ExpositionFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.math.BigDecimal;
import java.net.URI;

/**
 * Fetches one target's body the way Prometheus's scraper does: content negotiation between
 * OpenMetrics and text, gzip, the scrape-timeout header, the job's credentials and TLS settings, a
 * hard deadline, and a cap on the body size.
 */
final class HttpScraper {
    /** Bodies are never accepted beyond this even when no body_size_limit is configured. */
    static final long HARD_BODY_LIMIT = 512L << 20;

    private final HttpClient client;
    private final ScrapeConfig config;
    private final ConfiguredRequests requests;
    private final long bodyLimit;
    private final String timeoutSeconds;

    HttpScraper(Vertx vertx, HttpClient client, ScrapeConfig config) {
        this.client = client;
        this.config = config;
        this.requests = new ConfiguredRequests(vertx, config.httpClient());
        this.bodyLimit = config.bodySizeLimit() > 0 ? Math.min(config.bodySizeLimit(), HARD_BODY_LIMIT) : HARD_BODY_LIMIT;
        this.timeoutSeconds = BigDecimal.valueOf(config.scrapeTimeout().toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** Fetches the target; fails with the reason Prometheus would give (status, timeout, TLS, limit). */
    Future<ScrapeBody> scrape(String url, int expectedSize) {
        URI uri = URI.create(url);
        return requests.options(HttpMethod.GET, uri)
                .compose(options -> fetch(uri, options, expectedSize))
                .recover(e -> Future.failedFuture(new ScrapeFailure(describe(url, e))));
    }

    private Future<ScrapeBody> fetch(URI uri, RequestOptions options, int expectedSize) {
        long timeoutMillis = config.scrapeTimeout().toMillis();
        options.setConnectTimeout(timeoutMillis)
                .putHeader("Accept", ExpositionFormat.ACCEPT_HEADER)
                .putHeader("User-Agent", ConfiguredRequests.USER_AGENT)
                .putHeader("X-Prometheus-Scrape-Timeout-Seconds", timeoutSeconds);
        return requests.exchange(client, uri, options, null, timeoutMillis, "context deadline exceeded",
                (request, response, result) -> readBody(request, response, expectedSize, result));
    }

    private void readBody(HttpClientRequest request, HttpClientResponse response, int expectedSize, Promise<ScrapeBody> result) {
        if (response.statusCode() != 200) {
            result.tryFail(new ScrapeFailure("server returned HTTP status " + response.statusCode() + " " + response.statusMessage()));
            discard(request, response, result);
            return;
        }
        BodyCollector body = new BodyCollector(expectedSize, bodyLimit);
        response.handler(chunk -> {
            if (!body.append(chunk) && result.tryFail(new ScrapeFailure(limitMessage()))) {
                discard(request, response, result);
            }
        });
        response.exceptionHandler(result::tryFail);
        response.endHandler(v -> result.tryComplete(body.finish(response.getHeader("Content-Type"))));
    }

    /**
     * Drops the rest of a response we no longer want by resetting the stream; the reset's own
     * error reaches the already settled result, so it is neither reported nor logged as unhandled.
     */
    private static void discard(HttpClientRequest request, HttpClientResponse response, Promise<ScrapeBody> result) {
        response.exceptionHandler(result::tryFail);
        request.reset();
    }

    private String limitMessage() {
        return config.bodySizeLimit() > 0
                ? "body size limit exceeded (body_size_limit: " + config.bodySizeLimit() + " bytes)"
                : "body size limit exceeded (hard limit of " + HARD_BODY_LIMIT + " bytes)";
    }

    private static String describe(String url, Throwable e) {
        if (e instanceof ScrapeFailure f) {
            return f.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null && !message.contains(e.getCause().getMessage())) {
            message = message + ": " + e.getCause().getMessage();
        }
        return "Get \"" + url + "\": " + message;
    }
}
