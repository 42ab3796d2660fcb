package io.promrelay.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Exporters on 127.0.0.1, each on its own free port serving {@code /metrics}: every target of a group
 * serves that group's current payload. A background thread renders the next payload (and its gzip form,
 * which scrapers ask for) every tick, so the event loop only hands out finished bytes.
 */
final class FakeTargets implements AutoCloseable {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Vertx vertx;
    private final ScheduledExecutorService renderer;
    private final Map<String, List<String>> addresses = new LinkedHashMap<>();
    private final List<HttpServer> servers = new ArrayList<>();

    private FakeTargets(Vertx vertx) {
        this.vertx = vertx;
        this.renderer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-target-renderer");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code perGroup} targets for each payload, rendering a new variant of every payload each {@code tick}. */
    static FakeTargets start(Vertx vertx, List<EvolvingExposition> payloads, int perGroup, Duration tick) {
        FakeTargets targets = new FakeTargets(vertx);
        try {
            for (EvolvingExposition payload : payloads) {
                targets.startGroup(payload, perGroup, tick);
            }
        } catch (RuntimeException e) {
            targets.close();
            throw e;
        }
        return targets;
    }

    private void startGroup(EvolvingExposition payload, int count, Duration tick) {
        CurrentPayload current = new CurrentPayload();
        current.render(payload);
        renderer.scheduleAtFixedRate(() -> current.render(payload), tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        List<String> group = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            HttpServer server = vertx.createHttpServer().requestHandler(current::serve);
            Future<HttpServer> listening = server.listen(0, "127.0.0.1");
            try {
                servers.add(listening.await(10, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new IllegalStateException("fake target for " + payload.name() + " cannot listen: " + e, e);
            }
            group.add("127.0.0.1:" + server.actualPort());
        }
        addresses.put(payload.name(), List.copyOf(group));
    }

    /** host:port of every target serving {@code payloadName}, in start order. */
    List<String> addresses(String payloadName) {
        return addresses.get(payloadName);
    }

    @Override
    public void close() {
        renderer.shutdownNow();
        servers.forEach(HttpServer::close);
    }

    /** The latest rendering of one payload, published whole so a request never sees half a tick. */
    private static final class CurrentPayload {
        private volatile Rendered rendered;

        void render(EvolvingExposition payload) {
            byte[] plain = payload.next(System.currentTimeMillis());
            rendered = new Rendered(Buffer.buffer(plain), Buffer.buffer(gzip(plain)));
        }

        void serve(HttpServerRequest request) {
            if (!request.path().equals("/metrics")) {
                request.response().setStatusCode(404).end();
                return;
            }
            Rendered r = rendered;
            String acceptEncoding = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
            boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
            request.response().putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE);
            if (gzip) {
                request.response().putHeader(HttpHeaders.CONTENT_ENCODING, "gzip").end(r.gzip());
            } else {
                request.response().end(r.plain());
            }
        }

        private static byte[] gzip(byte[] plain) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 8);
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(plain);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }
    }

    private record Rendered(Buffer plain, Buffer gzip) {
    }
}
