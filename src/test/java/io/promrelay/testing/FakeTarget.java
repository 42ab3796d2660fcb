package io.promrelay.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * A plain-HTTP scrape target on 127.0.0.1 whose answer a test sets and changes while the relay scrapes it, and
 * which remembers the headers of the last request it got.
 */
public final class FakeTarget implements AutoCloseable {
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_FORMAT = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** What the target answers every request with. */
    public record Answer(int status, String contentType, String body, boolean gzip, Duration delay) {
        public static Answer text(String body) {
            return new Answer(200, TEXT_FORMAT, body, false, Duration.ZERO);
        }

        public static Answer openMetrics(String body) {
            return new Answer(200, OPENMETRICS_FORMAT, body, false, Duration.ZERO);
        }

        /** An empty answer with {@code status} and the status line's usual reason phrase. */
        public static Answer status(int status) {
            return new Answer(status, "text/plain; charset=utf-8", "", false, Duration.ZERO);
        }

        /** The same body sent gzip-compressed, with {@code Content-Encoding: gzip}. */
        public Answer gzipped() {
            return new Answer(status, contentType, body, true, delay);
        }

        /** The same answer, sent only after {@code wait}. */
        public Answer delayedBy(Duration wait) {
            return new Answer(status, contentType, body, gzip, wait);
        }

        Buffer bytes() {
            byte[] plain = body.getBytes(StandardCharsets.UTF_8);
            return Buffer.buffer(gzip ? compress(plain) : plain);
        }
    }

    private final Vertx vertx;
    private final HttpServer server;
    private volatile Answer answer;
    private volatile MultiMap lastRequestHeaders;

    private FakeTarget(Vertx vertx, Answer answer) {
        this.vertx = vertx;
        this.answer = answer;
        this.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0));
    }

    public static FakeTarget start(Vertx vertx, Answer answer) {
        FakeTarget target = new FakeTarget(vertx, answer);
        target.server.requestHandler(target::handle);
        try {
            target.server.listen().await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("fake target did not start", e);
        }
        return target;
    }

    /** From the next request on, answers with {@code next}. */
    public void answer(Answer next) {
        this.answer = next;
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + server.actualPort();
    }

    /** Headers of the most recent request; empty before the first one. */
    public Optional<MultiMap> lastRequestHeaders() {
        return Optional.ofNullable(lastRequestHeaders);
    }

    private void handle(HttpServerRequest request) {
        lastRequestHeaders = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
        Answer current = answer;
        if (current.delay().isZero()) {
            send(request.response(), current);
        } else {
            vertx.setTimer(current.delay().toMillis(), id -> send(request.response(), current));
        }
    }

    private static void send(HttpServerResponse response, Answer answer) {
        // A scraper that gave up has reset the stream; there is nobody left to answer.
        if (response.closed()) {
            return;
        }
        response.setStatusCode(answer.status()).putHeader("Content-Type", answer.contentType());
        if (answer.gzip()) {
            response.putHeader("Content-Encoding", "gzip");
        }
        response.end(answer.bytes());
    }

    private static byte[] compress(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.close();
    }
}
