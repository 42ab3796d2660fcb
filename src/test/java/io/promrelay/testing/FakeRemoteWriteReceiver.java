package io.promrelay.testing;

import io.promrelay.model.Labels;
import io.promrelay.remote.proto.Label;
import io.promrelay.remote.proto.Sample;
import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.xerial.snappy.Snappy;

/**
 * A remote-write receiver on 127.0.0.1 that answers each request as the test scripts it (500s, a 429 with
 * Retry-After, a 400), and keeps what it accepted: decoded with the protocol's generated classes, in
 * arrival order per series, with stale markers kept as their raw bits.
 */
public final class FakeRemoteWriteReceiver implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** How to answer request number {@code n} (from 1). */
    public record Answer(int status, String retryAfter, String body) {
        public static final Answer OK = new Answer(204, null, "");

        public static Answer status(int status, String body) {
            return new Answer(status, null, body);
        }
    }

    /** A received sample; {@code valueBits} keeps NaN payloads. */
    public record Received(long timestamp, long valueBits) {
        public double value() {
            return Double.longBitsToDouble(valueBits);
        }
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Labels, List<Received>> accepted = new LinkedHashMap<>();
    private final List<io.promrelay.remote.proto.MetricMetadata> metadata = new ArrayList<>();
    private volatile IntFunction<Answer> script = n -> Answer.OK;
    private volatile MultiMap lastHeaders;

    private FakeRemoteWriteReceiver(HttpServer server) {
        this.server = server;
    }

    public static FakeRemoteWriteReceiver start(Vertx vertx) {
        FakeRemoteWriteReceiver[] self = new FakeRemoteWriteReceiver[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> self[0].handle(request));
        self[0] = new FakeRemoteWriteReceiver(server);
        try {
            server.listen(0, "127.0.0.1").await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("fake receiver did not start", e);
        }
        return self[0];
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/api/v1/write";
    }

    /** Answers requests by number from now on; accepted (2xx) requests are stored. */
    public void answer(IntFunction<Answer> script) {
        this.script = script;
    }

    public int requests() {
        return requests.get();
    }

    public MultiMap lastHeaders() {
        return lastHeaders;
    }

    public synchronized Map<Labels, List<Received>> accepted() {
        Map<Labels, List<Received>> copy = new LinkedHashMap<>();
        accepted.forEach((labels, samples) -> copy.put(labels, List.copyOf(samples)));
        return copy;
    }

    public synchronized int acceptedSamples() {
        return accepted.values().stream().mapToInt(List::size).sum();
    }

    public synchronized List<io.promrelay.remote.proto.MetricMetadata> metadata() {
        return List.copyOf(metadata);
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            int n = requests.incrementAndGet();
            lastHeaders = request.headers();
            Answer answer = script.apply(n);
            if (answer.status() / 100 == 2) {
                try {
                    store(WriteRequest.parseFrom(Snappy.uncompress(body.getBytes())));
                } catch (Exception e) {
                    request.response().setStatusCode(400).end("cannot decode: " + e);
                    return;
                }
            }
            if (answer.retryAfter() != null) {
                request.response().putHeader("Retry-After", answer.retryAfter());
            }
            request.response().setStatusCode(answer.status()).end(answer.body());
        });
    }

    private synchronized void store(WriteRequest write) {
        for (TimeSeries series : write.getTimeseriesList()) {
            Labels.Builder labels = new Labels.Builder();
            for (Label label : series.getLabelsList()) {
                labels.set(label.getName(), label.getValue());
            }
            List<Received> samples = accepted.computeIfAbsent(labels.build(), l -> new ArrayList<>());
            for (Sample sample : series.getSamplesList()) {
                samples.add(new Received(sample.getTimestamp(), Double.doubleToRawLongBits(sample.getValue())));
            }
        }
        metadata.addAll(write.getMetadataList());
    }

    @Override
    public void close() {
        try {
            server.close().await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("fake receiver did not stop", e);
        }
    }
}
