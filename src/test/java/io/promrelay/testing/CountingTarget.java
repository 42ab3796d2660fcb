package io.promrelay.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scrape target on 127.0.0.1 whose values change with every scrape: {@link #SERIES} counters
 * {@code rw_test_total{n="i"}} worth i times the scrape number, and a gauge alternating between two
 * decimals. Every value is exact in any receiver's storage, so what arrives can be compared bit for bit.
 */
public final class CountingTarget implements AutoCloseable {
    public static final int SERIES = 20;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final AtomicLong scrapes = new AtomicLong();

    private CountingTarget(Vertx vertx) {
        this.server = vertx.createHttpServer().requestHandler(request -> request.response()
                .putHeader("Content-Type", "text/plain; version=0.0.4")
                .end(payload(scrapes.incrementAndGet())));
    }

    public static CountingTarget start(Vertx vertx) {
        CountingTarget target = new CountingTarget(vertx);
        try {
            target.server.listen(0, "127.0.0.1").await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("counting target did not start", e);
        }
        return target;
    }

    private static String payload(long scrape) {
        StringBuilder b = new StringBuilder("# HELP rw_test_total Scrapes times n.\n# TYPE rw_test_total counter\n");
        for (int n = 1; n <= SERIES; n++) {
            b.append("rw_test_total{n=\"").append(n).append("\"} ").append(scrape * n).append('\n');
        }
        b.append("# TYPE rw_test_gauge gauge\nrw_test_gauge ").append(scrape % 2 == 0 ? "0.25" : "-1.5").append('\n');
        return b.toString();
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        try {
            server.close().await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("counting target did not stop", e);
        }
    }
}
