package io.promrelay.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Scrape targets on 127.0.0.1 that misbehave in a different way on each path (see {@link Behaviour}). Large
 * answers are generated as they are sent, with back-pressure, so the server never holds more than a chunk of
 * them; every answer stops as soon as the scraper hangs up.
 */
public final class HostileTarget implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4";
    private static final int CHUNK = 64 * 1024;
    private static final byte[] COMMENT_CHUNK = commentLines();

    /** What a path does; {@link #path()} is the metrics_path that gets it. */
    public enum Behaviour {
        /** Accepts the connection and the request, never writes a byte. */
        SILENT("/silent"),
        /** Sends the status line and headers, then one byte of the body a second, forever. */
        DRIP("/drip"),
        /** A valid body of {@link #BIG_BODY_BYTES} comment lines. */
        BIG_BODY("/big"),
        /** {@code Content-Encoding: gzip}: 10 MB on the wire that inflate to {@link #GZIP_BOMB_BYTES} of blank lines. */
        GZIP_BOMB("/gzip-bomb"),
        /** {@link #MILLION} distinct series. */
        MILLION_SERIES("/million"),
        /** One series whose label value holds bytes that are not UTF-8. */
        INVALID_UTF8_LABEL_VALUE("/invalid-utf8-value"),
        /** One series whose metric name holds bytes that are not UTF-8. */
        INVALID_UTF8_METRIC_NAME("/invalid-utf8-name"),
        /** The same series twice in one answer, with different values. */
        DUPLICATE_SERIES("/duplicate"),
        /** One series with a label value of {@link #HUGE_LABEL_VALUE_BYTES}. */
        HUGE_LABEL_VALUE("/huge-value"),
        /** One series with {@link #MANY_LABELS} labels. */
        MANY_LABELS("/many-labels");

        private final String path;

        Behaviour(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    public static final long BIG_BODY_BYTES = 100L << 20;
    public static final long GZIP_BOMB_BYTES = 10L << 30;
    public static final int MILLION = 1_000_000;
    public static final int HUGE_LABEL_VALUE_BYTES = 1 << 20;
    public static final int MANY_LABELS = 10_000;

    private final Vertx vertx;
    private final Map<Behaviour, HttpServer> servers = new EnumMap<>(Behaviour.class);
    private final GzipBomb bomb;

    private HostileTarget(Vertx vertx) {
        this.vertx = vertx;
        this.bomb = new GzipBomb(vertx);
    }

    /**
     * Starts one server per behaviour, each on a port and event loop of its own, so that generating one flood
     * never slows another behaviour's answers.
     */
    public static HostileTarget start(Vertx vertx) {
        HostileTarget target = new HostileTarget(vertx);
        for (Behaviour behaviour : Behaviour.values()) {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(target::handle);
            target.servers.put(behaviour, server);
            try {
                server.listen().await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                target.close();
                throw new IllegalStateException("hostile target did not start", e);
            }
        }
        return target;
    }

    /** host:port of the server for {@code behaviour}; it also serves the others' paths. */
    public String address(Behaviour behaviour) {
        return "127.0.0.1:" + servers.get(behaviour).actualPort();
    }

    private void handle(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        String path = request.path();
        if (path.equals(Behaviour.SILENT.path)) {
            return;
        }
        response.putHeader("Content-Type", TEXT_FORMAT);
        if (path.equals(Behaviour.DRIP.path)) {
            drip(response);
        } else if (path.equals(Behaviour.BIG_BODY.path)) {
            stream(response, BIG_BODY_BYTES / CHUNK, i -> Future.succeededFuture(commentChunk()));
        } else if (path.equals(Behaviour.GZIP_BOMB.path)) {
            response.putHeader("Content-Encoding", "gzip");
            stream(response, bomb.pieces(), bomb::piece);
        } else if (path.equals(Behaviour.MILLION_SERIES.path)) {
            int perChunk = 2_000;
            stream(response, MILLION / perChunk, i -> Future.succeededFuture(seriesChunk(i * perChunk, perChunk)));
        } else if (path.equals(Behaviour.INVALID_UTF8_LABEL_VALUE.path)) {
            response.end(Buffer.buffer("hostile_metric{value=\"").appendBytes(new byte[] {(byte) 0xff, (byte) 0xfe})
                    .appendString("\"} 1\n"));
        } else if (path.equals(Behaviour.INVALID_UTF8_METRIC_NAME.path)) {
            response.end(Buffer.buffer("hostile_").appendBytes(new byte[] {(byte) 0xc3, (byte) 0x28})
                    .appendString("_metric 1\n"));
        } else if (path.equals(Behaviour.DUPLICATE_SERIES.path)) {
            response.end("hostile_metric{copy=\"same\"} 1\nhostile_metric{copy=\"same\"} 2\n");
        } else if (path.equals(Behaviour.HUGE_LABEL_VALUE.path)) {
            response.end("hostile_metric{value=\"" + "v".repeat(HUGE_LABEL_VALUE_BYTES) + "\"} 1\n");
        } else if (path.equals(Behaviour.MANY_LABELS.path)) {
            StringBuilder b = new StringBuilder("hostile_metric{");
            for (int i = 0; i < MANY_LABELS; i++) {
                b.append("label_").append(i).append("=\"x\",");
            }
            response.end(b.append("} 1\n").toString());
        } else {
            response.setStatusCode(404).end();
        }
    }

    private void drip(HttpServerResponse response) {
        response.setChunked(true).write("#");
        long timer = vertx.setPeriodic(1000, id -> {
            if (response.closed()) {
                vertx.cancelTimer(id);
            } else {
                response.write(" ");
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    /**
     * Sends {@code count} chunks made by {@code chunk}, the next only once the connection has room for it and the
     * chunk is ready, and stops early when the scraper closes the connection.
     */
    private static void stream(HttpServerResponse response, long count, LongFunction<Future<Buffer>> chunk) {
        response.setChunked(true);
        new Object() {
            long next;

            void pump() {
                while (!response.closed() && next < count) {
                    Future<Buffer> ready = chunk.apply(next++);
                    if (!ready.isComplete()) {
                        ready.onSuccess(this::writeThenPump);
                        return;
                    }
                    response.write(ready.result());
                    if (response.writeQueueFull()) {
                        response.drainHandler(v -> pump());
                        return;
                    }
                }
                if (!response.closed()) {
                    response.end();
                }
            }

            void writeThenPump(Buffer buffer) {
                if (!response.closed()) {
                    response.write(buffer);
                    pump();
                }
            }
        }.pump();
    }

    private static Buffer commentChunk() {
        return Buffer.buffer(COMMENT_CHUNK);
    }

    private static byte[] commentLines() {
        byte[] line = ("# padding" + " ".repeat(54) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[CHUNK];
        for (int i = 0; i < CHUNK; i += line.length) {
            System.arraycopy(line, 0, chunk, i, line.length);
        }
        return chunk;
    }

    private static Buffer seriesChunk(long first, int count) {
        StringBuilder b = new StringBuilder(count * 40);
        for (long n = first; n < first + count; n++) {
            b.append("hostile_series{n=\"").append(n).append("\"} 1\n");
        }
        return Buffer.buffer(b.toString());
    }

    /**
     * A gzip member inflating to {@link #GZIP_BOMB_BYTES} of line feeds (blank lines, valid exposition text),
     * built from one deflate segment made once: a segment ended by a full flush refers to nothing before it, so
     * repeating it is a valid stream. The trailer's CRC, seconds of work, is worked out once on a worker; until
     * it is known, a client that reads that far waits for it.
     */
    private static final class GzipBomb {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private static final int PLAIN_PER_SEGMENT = 1 << 20;
        private static final int SEGMENTS_PER_PIECE = 64;

        private final byte[] plain = new byte[PLAIN_PER_SEGMENT];
        private final byte[] piece;
        private final Future<Buffer> ending;

        GzipBomb(Vertx vertx) {
            Arrays.fill(plain, (byte) '\n');
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            deflater.setInput(plain);
            byte[] segment = deflateAll(deflater, Deflater.FULL_FLUSH);
            deflater.finish();
            byte[] finalBlock = deflateAll(deflater, Deflater.NO_FLUSH);
            deflater.end();
            Buffer repeated = Buffer.buffer();
            for (int i = 0; i < SEGMENTS_PER_PIECE; i++) {
                repeated.appendBytes(segment);
            }
            piece = repeated.getBytes();
            ending = vertx.executeBlocking(() -> Buffer.buffer(finalBlock).appendBytes(trailer()), false);
        }

        long pieces() {
            return GZIP_BOMB_BYTES / ((long) PLAIN_PER_SEGMENT * SEGMENTS_PER_PIECE) + 2;
        }

        Future<Buffer> piece(long i) {
            if (i == 0) {
                return Future.succeededFuture(Buffer.buffer(HEADER));
            }
            if (i < pieces() - 1) {
                return Future.succeededFuture(Buffer.buffer(piece));
            }
            return ending.map(Buffer::copy);
        }

        private byte[] trailer() {
            CRC32 crc = new CRC32();
            for (long done = 0; done < GZIP_BOMB_BYTES; done += PLAIN_PER_SEGMENT) {
                crc.update(plain);
            }
            return Buffer.buffer().appendIntLE((int) crc.getValue()).appendIntLE((int) GZIP_BOMB_BYTES).getBytes();
        }

        private static byte[] deflateAll(Deflater deflater, int flush) {
            Buffer out = Buffer.buffer();
            byte[] chunk = new byte[CHUNK];
            int n;
            do {
                n = deflater.deflate(chunk, 0, chunk.length, flush);
                out.appendBytes(chunk, 0, n);
            } while (n == chunk.length || (flush == Deflater.NO_FLUSH && !deflater.finished()));
            return out.getBytes();
        }
    }

    @Override
    public void close() {
        servers.values().forEach(HttpServer::close);
    }
}
