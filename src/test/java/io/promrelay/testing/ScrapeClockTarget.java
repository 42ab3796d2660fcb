package io.promrelay.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A healthy scrape target on 127.0.0.1 that notes when each scrape arrives, so a test can see whether the
 * scraper kept its interval. It serves {@code clock_target_scrapes_total}, the number of scrapes so far.
 */
public final class ScrapeClockTarget implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;
    private final List<Long> arrivalNanos = new ArrayList<>();

    private ScrapeClockTarget(Vertx vertx) {
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    int scrapes;
                    synchronized (arrivalNanos) {
                        arrivalNanos.add(System.nanoTime());
                        scrapes = arrivalNanos.size();
                    }
                    request.response().putHeader("Content-Type", "text/plain; version=0.0.4")
                            .end("# TYPE clock_target_scrapes_total counter\nclock_target_scrapes_total " + scrapes + "\n");
                });
    }

    public static ScrapeClockTarget start(Vertx vertx) {
        ScrapeClockTarget target = new ScrapeClockTarget(vertx);
        try {
            target.server.listen().await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("clock target did not start", e);
        }
        return target;
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    /** How many scrapes have arrived. */
    public int scrapes() {
        synchronized (arrivalNanos) {
            return arrivalNanos.size();
        }
    }

    /** The time between each two consecutive scrapes, in arrival order. */
    public List<Duration> gaps() {
        synchronized (arrivalNanos) {
            List<Duration> gaps = new ArrayList<>();
            for (int i = 1; i < arrivalNanos.size(); i++) {
                gaps.add(Duration.ofNanos(arrivalNanos.get(i) - arrivalNanos.get(i - 1)));
            }
            return gaps;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
