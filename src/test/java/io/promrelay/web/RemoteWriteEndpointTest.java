package io.promrelay.web;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static io.promrelay.testing.RemoteWriteBodies.snappy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.WebSettings;
import io.promrelay.model.Labels;
import io.promrelay.remote.proto.WriteRequest;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.Http;
import io.promrelay.testing.Promtool;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/write} of a relay started in this JVM, over real HTTP. */
class RemoteWriteEndpointTest {
    private static final int MAX_SERIES = 5;
    private static final String[] HEADERS = {"Content-Type", "application/x-protobuf", "Content-Encoding", "snappy",
            "X-Prometheus-Remote-Write-Version", "0.1.0"};

    @TempDir
    Path dir;
    private Vertx vertx;
    private StartedRelay relay;
    private final long now = System.currentTimeMillis();

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        relay = StartedRelay.start(vertx, dir, """
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 2h
                  max_active_series: %d
                scrape_configs: []
                """.formatted(MAX_SERIES), WebSettings.RECEIVER_ENABLED);
    }

    @AfterEach
    void stop() {
        relay.close();
        vertx.close();
    }

    @Test
    void writtenSeriesAnswer204AndAppearInFederate() {
        Http.Response response = post(body(request(
                series("__name__", "pushed_total", "instance", "agent:1", "job", "push")
                        .addSamples(sample(now - 1000, 1)).addSamples(sample(now, 2.5)),
                series("__name__", "pushed_info", "job", "push", "version", "1.0").addSamples(sample(now, 1)))));

        assertEquals(204, response.status(), response.body());
        assertEquals("", response.body());
        assertEquals(Map.of(Labels.of("__name__", "pushed_total", "instance", "agent:1", "job", "push"), 2.5,
                        Labels.of("__name__", "pushed_info", "job", "push", "version", "1.0"), 1.0),
                ExpositionSamples.parse(relay.federate("{job=\"push\"}")));
        String line = relay.federate("pushed_total");
        assertTrue(line.contains(" 2.5 " + now + "\n"), line);
    }

    @Test
    void contentTypeMustBeProtobufOfTheVersionOneMessage() {
        byte[] body = validBody();

        assertEquals(415, post(body, "Content-Encoding", "snappy").status());
        Http.Response text = post(body, "Content-Type", "text/plain", "Content-Encoding", "snappy");
        assertEquals(415, text.status());
        assertEquals("expected application/x-protobuf as the media type, got Content-Type text/plain\n", text.body());
        Http.Response v2 = post(body, "Content-Type", "application/x-protobuf;proto=io.prometheus.write.v2.Request",
                "Content-Encoding", "snappy");
        assertEquals(415, v2.status());
        assertEquals("io.prometheus.write.v2.Request protobuf message is not accepted by this server; accepted"
                + " prometheus.WriteRequest\n", v2.body());
        assertEquals(204, post(body, "Content-Type", "application/x-protobuf; proto=prometheus.WriteRequest",
                "Content-Encoding", "snappy").status());
    }

    @Test
    void encodingMustBeSnappy() {
        Http.Response gzip = post(validBody(), "Content-Type", "application/x-protobuf", "Content-Encoding", "gzip");

        assertEquals(415, gzip.status());
        assertEquals("gzip encoding (compression) is not accepted by this server; only snappy is acceptable\n",
                gzip.body());
    }

    @Test
    void badSnappyAndBadProtobufAnswer400NamingTheProblem() {
        Http.Response notSnappy = post(request(series("__name__", "up").addSamples(sample(now, 1))).toByteArray());
        Http.Response notProtobuf = post(snappy(new byte[] {0x0a, 0x7f, 0x0a}));

        assertEquals(400, notSnappy.status());
        assertTrue(notSnappy.body().startsWith("snappy: corrupt input: "), notSnappy.body());
        assertEquals(400, notProtobuf.status());
        assertTrue(notProtobuf.body().startsWith("protobuf: cannot decode WriteRequest: "), notProtobuf.body());
    }

    @Test
    void oneSeriesWithInvalidLabelsRefusesTheWholeRequest() {
        Http.Response response = post(body(request(
                series("__name__", "fine", "job", "push").addSamples(sample(now, 1)),
                series("job", "push", "__name__", "unsorted").addSamples(sample(now, 1)))));

        assertEquals(400, response.status());
        assertEquals("invalid labels for series {job=\"push\", __name__=\"unsorted\"}: labels not sorted by name"
                + " (job before __name__)\n", response.body());
        assertEquals("", relay.federate("{job=\"push\"}"));
    }

    @Test
    void anOutOfOrderSampleRefusesTheWholeRequestWith400AsPrometheusDoes() {
        assertEquals(204, post(body(request(series("__name__", "a", "job", "push").addSamples(sample(now, 1)))))
                .status());

        Http.Response response = post(body(request(
                series("__name__", "b", "job", "push").addSamples(sample(now, 1)),
                series("__name__", "a", "job", "push").addSamples(sample(now - 1, 2)))));

        assertEquals(400, response.status());
        assertEquals("out of order sample for series a{job=\"push\"} at timestamp " + (now - 1) + "\n",
                response.body());
        assertEquals(Map.of(Labels.of("__name__", "a", "job", "push"), 1.0),
                ExpositionSamples.parse(relay.federate("{job=\"push\"}")));
    }

    @Test
    void bodiesOverTheLimitAnswer413() {
        Http.Response compressed = post(new byte[RemoteWriteHandler.MAX_BODY_BYTES + 1]);
        // A length header declaring 300 MiB in a body of a few bytes.
        Http.Response declared = post(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x96, 0x01, 0x00});

        assertEquals(413, compressed.status());
        assertEquals("request body exceeds the limit of 33554432 bytes\n", compressed.body());
        assertEquals(413, declared.status());
        assertEquals("snappy block declares 314572800 bytes uncompressed, more than the limit of 67108864 bytes\n",
                declared.body());
    }

    @Test
    void aFullBufferAnswers429WithRetryAfterAndKeepsNothing() {
        WriteRequest.Builder fill = WriteRequest.newBuilder();
        for (int i = 0; i < MAX_SERIES; i++) {
            fill.addTimeseries(series("__name__", "s" + i, "job", "push").addSamples(sample(now, i)));
        }
        assertEquals(204, post(body(fill.build())).status());

        Http.Response full = post(body(request(
                series("__name__", "s0", "job", "push").addSamples(sample(now + 1000, 10)),
                series("__name__", "s5", "job", "push").addSamples(sample(now + 1000, 5)))));

        assertEquals(429, full.status());
        assertEquals("60", full.header("Retry-After"));
        assertEquals("active series limit of 5 reached, cannot add series s5{job=\"push\"}; idle series leave the"
                + " buffer after the retention\n", full.body());
        assertEquals(Map.of(Labels.of("__name__", "s0", "job", "push"), 0.0),
                ExpositionSamples.parse(relay.federate("s0")));
    }

    @Test
    void requestsAndSamplesAreCountedInSelfMetrics() {
        post(validBody());
        post(new byte[] {1, 2, 3});

        String metrics = Http.getOk(relay.uri("/metrics"));

        assertTrue(metrics.contains("promrelay_remote_write_requests_total{code=\"204\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("promrelay_remote_write_requests_total{code=\"400\"} 1.0\n"), metrics);
        assertTrue(metrics.contains("promrelay_remote_write_samples_received_total 1.0\n"), metrics);
        assertTrue(metrics.contains("promrelay_remote_write_series_received_total 1.0\n"), metrics);
        assertTrue(metrics.contains("promrelay_remote_write_samples_written_total 1.0\n"), metrics);
        assertTrue(metrics.contains("promrelay_remote_write_requests_rejected_total{reason=\"bad_snappy\"} 1.0\n"),
                metrics);
    }

    @Test
    void remoteWriteSelfMetricsPassPromtoolLint() {
        post(validBody());
        post(new byte[] {1, 2, 3});
        post(validBody(), "Content-Type", "text/plain");

        Promtool.Result lint = Promtool.checkMetrics(Http.getOk(relay.uri("/metrics")));

        assertEquals(List.of(), lint.problems().stream()
                .filter(problem -> problem.metric().startsWith("promrelay_remote_write")).toList(), lint.output());
    }

    private byte[] validBody() {
        return body(request(series("__name__", "up", "job", "push").addSamples(sample(now, 1))));
    }

    private Http.Response post(byte[] body) {
        return post(body, HEADERS);
    }

    private Http.Response post(byte[] body, String... headers) {
        return Http.post(relay.uri(RemoteWriteHandler.PATH), body, headers);
    }
}
