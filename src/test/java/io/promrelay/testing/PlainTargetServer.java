package io.promrelay.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A plain-HTTP exporter on a free port of 127.0.0.1 serving {@link #PAYLOAD} at /metrics, for discovery tests. */
public final class PlainTargetServer implements AutoCloseable {
    public static final String METRIC = "plain_target_payload";
    public static final String PAYLOAD = "# TYPE " + METRIC + " gauge\n" + METRIC + " 1\n";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final HttpServer server;

    private PlainTargetServer(HttpServer server) {
        this.server = server;
    }

    public static PlainTargetServer start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    if ("/metrics".equals(request.path())) {
                        request.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(PAYLOAD);
                    } else {
                        request.response().setStatusCode(404).end();
                    }
                });
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("plain target did not start", e);
        }
        return new PlainTargetServer(server);
    }

    public int port() {
        return server.actualPort();
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }
}
