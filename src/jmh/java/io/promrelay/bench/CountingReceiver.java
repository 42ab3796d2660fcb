package io.promrelay.bench;

import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.xerial.snappy.Snappy;

/**
 * A remote-write receiver on 127.0.0.1 for one sender: it decodes every request (snappy, then the protobuf
 * message) and counts what arrived, storing nothing, so it costs the sender no more than the fastest real
 * receiver would. A body it cannot decode is answered 400 and counted.
 */
final class CountingReceiver implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final HttpServer server;
    private final LongAdder samples = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder undecodable = new LongAdder();

    private CountingReceiver(Vertx vertx) {
        this.server = vertx.createHttpServer().requestHandler(this::handle);
    }

    static CountingReceiver start(Vertx vertx) {
        CountingReceiver receiver = new CountingReceiver(vertx);
        try {
            receiver.server.listen(0, "127.0.0.1").await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("counting receiver cannot listen: " + e, e);
        }
        return receiver;
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/api/v1/write";
    }

    /** Samples in the requests accepted so far. */
    long samples() {
        return samples.sum();
    }

    long requests() {
        return requests.sum();
    }

    /** Compressed body bytes accepted so far. */
    long bytes() {
        return bytes.sum();
    }

    long undecodable() {
        return undecodable.sum();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            byte[] wire = body.getBytes();
            long count = 0;
            try {
                for (TimeSeries series : WriteRequest.parseFrom(Snappy.uncompress(wire)).getTimeseriesList()) {
                    count += series.getSamplesCount();
                }
            } catch (IOException e) {
                undecodable.increment();
                request.response().setStatusCode(400).end("cannot decode: " + e.getMessage());
                return;
            }
            samples.add(count);
            requests.increment();
            bytes.add(wire.length);
            request.response().setStatusCode(204).end();
        });
    }

    @Override
    public void close() {
        try {
            server.close().await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("counting receiver did not stop: " + e, e);
        }
    }
}
