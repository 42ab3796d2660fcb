package io.promrelay.web;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static io.promrelay.testing.RemoteWriteBodies.snappy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.QuerySettings;
import io.promrelay.WebSettings;
import io.promrelay.model.Labels;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests written to hurt, against a running relay over real HTTP: each gets a status and a message naming the
 * problem, and afterwards the relay answers as before: data accepted earlier is intact in /federate and queries,
 * and new writes still land. The timeouts are about hangs, not speed.
 */
@Timeout(60)
class HostileRequestsTest {
    private static final long MAX_SAMPLES = 1000;
    private static final String[] WRITE_HEADERS = {"Content-Type", "application/x-protobuf", "Content-Encoding",
        "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0"};
    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Labels BASELINE = Labels.of("__name__", "baseline", "job", "good");

    @TempDir
    Path dir;
    private Vertx vertx;
    private StartedRelay relay;
    private final long now = System.currentTimeMillis();
    private int extraWrites;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        relay = StartedRelay.start(vertx, dir, """
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 2h
                scrape_configs: []
                """, new QuerySettings(Duration.ofMinutes(1), 4, MAX_SAMPLES), WebSettings.RECEIVER_ENABLED);
        assertEquals(204, write(body(request(series("__name__", "baseline", "job", "good").addSamples(sample(now - 60_000, 1))
                .addSamples(sample(now, 42))))).status());
    }

    @AfterEach
    void stop() {
        relay.close();
        vertx.close();
    }

    @Test
    void snappyBlockDeclaringAHugeLengthIsRefusedWithoutAllocating() {
        Http.Response over = write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x00});
        assertEquals(413, over.status());
        assertEquals("snappy block declares 4294967295 bytes uncompressed, more than the limit of 67108864 bytes\n",
                over.body());
        // 60 MB declared, under the limit, in a block of 10 bytes.
        Http.Response tiny = write(new byte[] {(byte) 0x80, (byte) 0x8e, (byte) 0xce, 0x1c, 0, 1, 2, 3, 4, 5});
        assertEquals(400, tiny.status());
        assertEquals("snappy: corrupt input: block declares 60000000 bytes uncompressed, more than its 6 compressed "
                + "bytes can hold\n", tiny.body());
        assertUndisturbed();
    }

    @Test
    void protobufFieldClaimingTwoGigabytesIsRefused() {
        // Field 1 (timeseries), length-delimited, claiming 2^31 - 1 bytes, followed by four.
        byte[] message = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 0x0a, 0x00, 0x0a, 0x00};
        Http.Response response = write(snappy(message));
        assertEquals(400, response.status());
        assertTrue(response.body().startsWith("protobuf: cannot decode WriteRequest: "), response.body());
        assertUndisturbed();
    }

    @Test
    void requestOfAMillionEmptyEntriesIsRefusedBeforeParsing() {
        // Two bytes an entry (field 1, length 0): 2 MB that protobuf-java would turn into a million objects.
        byte[] message = new byte[2 * 1_000_001];
        for (int i = 0; i < message.length; i += 2) {
            message[i] = 0x0a;
        }
        Http.Response response = write(snappy(message));
        assertEquals(413, response.status());
        assertEquals("request holds more than 1000000 entries (series, labels, samples, exemplars and metadata "
                + "together); send smaller batches\n", response.body());
        assertUndisturbed();
    }

    @Test
    void seriesWithBrokenLabelsAreRefusedNamingTheProblem() {
        Map<String[], String> cases = Map.of(
                new String[] {"__name__", "x", "0bad", "v"}, "invalid label name \"0bad\"",
                new String[] {"__name__", "x", "b", "1", "a", "2"}, "labels not sorted by name (b before a)",
                new String[] {"__name__", "x", "a", "1", "a", "2"}, "duplicated label a",
                new String[] {"__name__", "", "job", "x"}, "invalid metric name \"\"");
        cases.forEach((labels, problem) -> {
            Http.Response response = write(body(request(series("__name__", "fine_in_same_request", "job", "x")
                    .addSamples(sample(now, 1)), series(labels).addSamples(sample(now, 1)))));
            assertEquals(400, response.status(), response.body());
            assertTrue(response.body().contains(problem), problem + " in " + response.body());
        });
        assertEquals("", relay.federate("fine_in_same_request"), "a refused request leaves nothing behind");
        assertUndisturbed();
    }

    /** Prometheus 2.42 stores NaN and infinite sample values as they come. */
    @Test
    void nanAndInfiniteValuesAreAcceptedAsPrometheusDoes() {
        Http.Response response = write(body(request(
                series("__name__", "odd_values", "kind", "nan").addSamples(sample(now, Double.NaN)),
                series("__name__", "odd_values", "kind", "inf").addSamples(sample(now, Double.POSITIVE_INFINITY)),
                series("__name__", "odd_values", "kind", "-inf").addSamples(sample(now, Double.NEGATIVE_INFINITY)))));
        assertEquals(204, response.status(), response.body());
        String federated = relay.federate("odd_values");
        assertTrue(federated.contains("odd_values{kind=\"nan\"} NaN " + now), federated);
        assertTrue(federated.contains("odd_values{kind=\"inf\"} +Inf " + now), federated);
        assertTrue(federated.contains("odd_values{kind=\"-inf\"} -Inf " + now), federated);
        assertUndisturbed();
    }

    @Test
    void bodyOverTheSizeBoundIsRefusedWith413() {
        Http.Response response = write(new byte[RemoteWriteHandler.MAX_BODY_BYTES + 1]);
        assertEquals(413, response.status());
        assertEquals("request body exceeds the limit of 33554432 bytes\n", response.body());
        assertUndisturbed();
    }

    /** The request line is bounded (64 KiB), so a megabyte of regex in the URL never reaches the regex engine. */
    @Test
    void megabyteRegexInTheUrlIsRefusedAsTooLong() {
        String selector = "{__name__=~\"" + "a".repeat(1024 * 1024) + "\"}";
        assertEquals(414, statusOfLongGet("/federate?match[]=" + encode(selector)));
        assertEquals(414, statusOfLongGet("/api/v1/series?match[]=" + encode(selector)));
        assertUndisturbed();
    }

    /** In a POST form the bound is the 1 MiB body; a regex just under it compiles and matches. */
    @Test
    void megabyteRegexInAFormIsRefusedAndOneJustUnderItAnswered() {
        Http.Response over = postForm("/api/v1/series", "match[]=" + encode("{__name__=~\"" + "a".repeat(1024 * 1024) + "\"}"));
        assertEquals(413, over.status());
        assertEquals("request body larger than 1048576 bytes", new JsonObject(over.body()).getString("error"));
        StringBuilder names = new StringBuilder("baseline");
        while (names.length() < 900_000) {
            names.append("|metric_").append(names.length());
        }
        Http.Response under = postForm("/api/v1/series", "match[]=" + encode("{__name__=~\"" + names + "\"}"));
        assertEquals(200, under.status(), under.body());
        assertTrue(under.body().contains("\"__name__\":\"baseline\""), under.body());
        assertUndisturbed();
    }

    /** The backtracking regex the fuzzer found took 13 s per value; RE2 answers at once. */
    @Test
    @Timeout(20)
    void pathologicalRegexAnswersQuickly() {
        String hostile = "{__name__=~\"(.*a){12}\"}";
        assertEquals(200, Http.get(relay.uri("/federate?match[]=" + encode(hostile))).status());
        assertEquals(200, Http.get(relay.uri("/api/v1/series?match[]=" + encode(hostile))).status());
        assertEquals(200, Http.get(relay.uri("/api/v1/query?query=" + encode("count(" + hostile + ")"))).status());
        assertUndisturbed();
    }

    @Test
    void regexBeyondGosLimitsIsRefusedWithGosMessage() {
        Http.Response response = Http.get(relay.uri("/federate?match[]=" + encode("{job=~\"((a{1000}){1000}){1000}\"}")));
        assertEquals(400, response.status());
        assertTrue(response.body().contains("error parsing regexp: invalid repeat count: `{1000}`"), response.body());
        Http.Response series = Http.get(relay.uri("/api/v1/series?match[]=" + encode("{job=~\"(?:" + "a".repeat(4000)
                + "){1000}\"}")));
        assertEquals(400, series.status(), series.body());
        assertUndisturbed();
    }

    @Test
    void queryLoadingTooManySamplesFailsWith422AsPrometheus() {
        for (int i = 0; i < 20; i++) {
            write(body(request(series("__name__", "many", "i", Integer.toString(i))
                    .addSamples(sample(now - 2000, 1)).addSamples(sample(now - 1000, 2)).addSamples(sample(now, 3)))));
        }
        String query = "/api/v1/query_range?query=many&start=" + (now / 1000 - 3600) + "&end=" + now / 1000 + "&step=1";
        Http.Response response = Http.get(relay.uri(query));
        assertEquals(422, response.status(), response.body());
        JsonObject json = new JsonObject(response.body());
        assertEquals("execution", json.getString("errorType"));
        assertEquals("query processing would load too many samples into memory in query execution",
                json.getString("error"));
        assertUndisturbed();
    }

    @Test
    void overLongQueryIsRefused() {
        String query = "sum(" + "baseline + ".repeat(10_000) + "baseline)";
        assertEquals(414, statusOfLongGet("/api/v1/query?query=" + encode(query)));
        Http.Response posted = postForm("/api/v1/query", "query=" + encode("x" + " ".repeat(2 * 1024 * 1024)));
        assertEquals(413, posted.status());
        assertUndisturbed();
    }

    private void assertUndisturbed() {
        assertEquals(Map.of(BASELINE, 42.0), ExpositionSamples.parse(relay.federate("{job=\"good\"}")));
        JsonObject result = new JsonObject(Http.getOk(relay.uri("/api/v1/query?query=baseline&time=" + now / 1000.0)));
        assertEquals("42", result.getJsonObject("data").getJsonArray("result").getJsonObject(0).getJsonArray("value")
                .getString(1));
        String name = "after_" + ++extraWrites;
        assertEquals(204, write(body(request(series("__name__", name, "job", "later").addSamples(sample(now, 7)))))
                .status());
        assertTrue(relay.federate(name).contains(name + "{job=\"later\"} 7 " + now), relay.federate(name));
        assertEquals(200, Http.get(relay.uri("/-/healthy")).status());
    }

    /**
     * Over HTTP/1.1, as Prometheus clients speak: Java's default client offers an h2c upgrade, which the server
     * answers with GOAWAY instead of a status when the request line is too long.
     */
    private int statusOfLongGet(String pathAndQuery) {
        try {
            return HTTP_1_1.send(HttpRequest.newBuilder(relay.uri(pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Http.Response write(byte[] body) {
        return Http.post(relay.uri(RemoteWriteHandler.PATH), body, WRITE_HEADERS);
    }

    private Http.Response postForm(String path, String form) {
        return Http.post(relay.uri(path), form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
