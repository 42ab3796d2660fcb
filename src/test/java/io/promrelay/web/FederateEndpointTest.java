package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * /federate as a Prometheus server federating from the relay sees it: errors for unusable selectors, merged
 * selectors, TYPE lines, external labels, staleness, exact values and timestamps, gzip.
 */
class FederateEndpointTest {
    private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(10);
    // Served with an explicit timestamp a minute ago: inside the 5m lookback, and the same on every scrape.
    private static final long SERVED_AT = System.currentTimeMillis() - 60_000;
    private static final String EXTERNAL_LABELS = "{cluster: east, replica: r1}";

    /** A value as the target writes it and as Go's FormatFloat(v, 'g', -1, 64) writes it back in /federate. */
    record ValueCase(String name, String served, String federated) {
    }

    private static final List<ValueCase> VALUES = List.of(
            new ValueCase("one", "1", "1"),
            new ValueCase("negative_half", "-0.5", "-0.5"),
            new ValueCase("tenth", "0.1", "0.1"),
            new ValueCase("below_million", "123456.5", "123456.5"),
            new ValueCase("million", "1e6", "1e+06"),
            new ValueCase("small", "0.00001", "1e-05"),
            new ValueCase("largest", "1.7976931348623157e308", "1.7976931348623157e+308"),
            new ValueCase("smallest_subnormal", "5e-324", "5e-324"),
            new ValueCase("ten_to_23", "1e23", "1e+23"),
            new ValueCase("fifteen_digits", "2.82879384806159e17", "2.82879384806159e+17"),
            new ValueCase("beyond_2_pow_53", "9007199254740993", "9.007199254740992e+15"),
            new ValueCase("plus_inf", "+Inf", "+Inf"),
            new ValueCase("minus_inf", "-Inf", "-Inf"),
            new ValueCase("nan", "NaN", "NaN"));

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static FakeTarget exact;
    private static FakeTarget typesOne;
    private static FakeTarget typesTwo;
    private static FakeTarget vanishing;
    private static FakeTarget failing;
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        exact = cleanup.add(FakeTarget.start(vertx, Answer.text(exactPayload())));
        // An upper-case label name sorts before __name__, so sorting series by labels alone would split a name.
        String types = """
                shared_metric{Zone="a"} 1
                shared_metric 2
                another_metric 3
                """;
        typesOne = cleanup.add(FakeTarget.start(vertx, Answer.text(types)));
        typesTwo = cleanup.add(FakeTarget.start(vertx, Answer.text(types)));
        vanishing = cleanup.add(FakeTarget.start(vertx, Answer.text("going_away 1\nstaying 2\n")));
        failing = cleanup.add(FakeTarget.start(vertx, Answer.text("flaky_metric 1\n")));
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 500ms, external_labels: %s}
                scrape_configs:
                  - {job_name: exact, static_configs: [{targets: ["%s"]}]}
                  - {job_name: types, static_configs: [{targets: ["%s", "%s"]}]}
                  - {job_name: vanishing, static_configs: [{targets: ["%s"]}]}
                  - {job_name: failing, static_configs: [{targets: ["%s"]}]}
                """.formatted(EXTERNAL_LABELS, exact.address(), typesOne.address(), typesTwo.address(),
                vanishing.address(), failing.address())));
        for (String job : List.of("exact", "types", "vanishing", "failing")) {
            relay.awaitAllUp(job, Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    private static String exactPayload() {
        StringBuilder payload = new StringBuilder("# TYPE exact_value gauge\n");
        for (ValueCase value : VALUES) {
            payload.append("exact_value{case=\"").append(value.name()).append("\"} ").append(value.served())
                    .append(' ').append(SERVED_AT).append('\n');
        }
        return payload.append("labelled{cluster=\"from-target\"} 7 ").append(SERVED_AT).append('\n').toString();
    }

    static List<ValueCase> values() {
        return VALUES;
    }

    @Test
    void withoutMatchParameterAnswers400WithAHint() {
        Http.Response response = Http.get(relay.uri("/federate"));

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("match[]"), response.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "up{job=\"exact\"              | unexpected end of input inside braces",
        "up{job=~\"(\"}                | (",
        "{job=\"exact\"} extra         | unexpected identifier \"extra\"",
        "up{job=\"exact\",job2}        | operator",
        "9up                          | bad number or duration syntax",
    })
    void badSelectorAnswers400NamingTheProblem(String selector, String problem) {
        Http.Response response = federate(selector);

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains(selector.strip()), "answer should quote the selector: " + response.body());
        assertTrue(response.body().contains(problem), "answer should name the problem: " + response.body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"{a=~\".*\"}", "{__name__=~\".*\"}", "{job=\"\"}", "{job!~\".+\"}"})
    void selectorMatchingEverythingOnlyThroughEmptyMatchersAnswers400(String selector) {
        Http.Response response = federate(selector);

        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("non-empty matcher"), response.body());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesAndTimestampsArriveExactlyAsPrometheusWritesThem(ValueCase value) {
        String selector = "exact_value{case=\"" + value.name() + "\"}";

        assertEquals(List.of("exact_value{case=\"" + value.name() + "\",cluster=\"east\",instance=\""
                        + exact.address() + "\",job=\"exact\",replica=\"r1\"} " + value.federated() + " " + SERVED_AT),
                sampleLines(relay.federate(selector)));
    }

    @Test
    void externalLabelsAreAddedUnlessTheSeriesHasTheLabel() {
        Map<Labels, Double> federated = ExpositionSamples.parse(relay.federate("labelled"));

        assertEquals(Map.of(Labels.of("__name__", "labelled", "cluster", "from-target", "replica", "r1",
                "job", "exact", "instance", exact.address()), 7.0), federated);
    }

    @Test
    void severalSelectorsAreMergedWithoutDuplicates() {
        String body = federateOk("exact_value{case=\"one\"}", "{__name__=\"exact_value\",case=~\"one|tenth\"}",
                "labelled", "labelled{job=\"exact\"}");

        List<String> cases = sampleLines(body).stream()
                .map(line -> line.substring(0, line.indexOf('{')) + caseLabel(line))
                .toList();
        assertEquals(List.of("exact_value:one", "exact_value:tenth", "labelled:"), cases, body);
    }

    @Test
    void eachMetricNameHasOneTypeLineFollowedByAllItsSeries() {
        String body = relay.federate("{job=\"types\"}");

        assertOneTypeLinePerNameWithItsSeriesBelow(body);
        assertEquals(2, countLines(body, "shared_metric{Zone=\"a\""), body);
    }

    @Test
    void eachMetricNameHasOneTypeLineWhenSeveralSelectorsAreMerged() {
        String body = federateOk("shared_metric", "another_metric", "{job=\"types\",__name__=~\"shared_.*\"}");

        assertOneTypeLinePerNameWithItsSeriesBelow(body);
        assertEquals(6, sampleLines(body).size(), body);
    }

    @Test
    void seriesTheTargetStoppedServingIsLeftOut() {
        assertTrue(relay.federate("going_away").contains("going_away{"), "going_away should be federated first");

        vanishing.answer(Answer.text("staying 2\n"));

        Await.until("going_away to be left out of /federate", CHANGE_TIMEOUT,
                () -> Optional.of(relay.federate("{job=\"vanishing\"}")).filter(body -> !body.contains("going_away")),
                () -> relay.federate("{job=\"vanishing\"}"));
        assertTrue(relay.federate("staying").contains("staying{"), "staying should still be federated");
    }

    @Test
    void seriesOfATargetThatWentDownAreLeftOutWhileUpSaysZero() {
        assertTrue(relay.federate("flaky_metric").contains("flaky_metric{"), "flaky_metric should be federated first");

        failing.answer(Answer.status(503));

        Await.until("flaky_metric to be left out of /federate", CHANGE_TIMEOUT,
                () -> Optional.of(relay.federate("{job=\"failing\"}")).filter(body -> !body.contains("flaky_metric")),
                () -> relay.federate("{job=\"failing\"}"));
        assertEquals(Map.of(Labels.of("__name__", "up", "job", "failing", "instance", failing.address(),
                "cluster", "east", "replica", "r1"), 0.0), ExpositionSamples.parse(relay.federate("up{job=\"failing\"}")));
    }

    @Test
    void answerIsGzipCompressedWhenTheClientAsksForIt() throws Exception {
        URI uri = relay.uri("/federate?match[]=" + encode("exact_value"));
        HttpResponse<byte[]> compressed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, compressed.statusCode());
        assertEquals(Optional.of("gzip"), compressed.headers().firstValue("Content-Encoding"));
        assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"));
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8), gunzip(compressed.body()));
        assertEquals(VALUES.size(), sampleLines(gunzip(compressed.body())).size());
    }

    @Test
    void answerIsTextFormat004() {
        HttpResponse<String> response = send(relay.uri("/federate?match[]=" + encode("labelled")));

        assertEquals(Optional.of("text/plain; version=0.0.4; charset=utf-8"),
                response.headers().firstValue("Content-Type"));
    }

    private static void assertOneTypeLinePerNameWithItsSeriesBelow(String body) {
        Map<String, Integer> typeLines = new LinkedHashMap<>();
        String current = null;
        List<String> misplaced = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                current = line.split(" ")[2];
                typeLines.merge(current, 1, Integer::sum);
                assertEquals("# TYPE " + current + " untyped", line);
            } else if (!line.startsWith("#") && !line.isEmpty() && !line.startsWith(current + "{")) {
                misplaced.add(line);
            }
        }
        Map<String, Integer> repeated = typeLines.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertEquals(Map.of(), repeated, "TYPE lines repeated for a metric name in:\n" + body);
        assertEquals(List.of(), misplaced, "series not under their own TYPE line in:\n" + body);
    }

    private static String caseLabel(String line) {
        int start = line.indexOf("case=\"");
        return ":" + (start < 0 ? "" : line.substring(start + 6, line.indexOf('"', start + 6)));
    }

    private static long countLines(String body, String prefix) {
        return Arrays.stream(body.split("\n")).filter(line -> line.startsWith(prefix)).count();
    }

    private static List<String> sampleLines(String body) {
        return body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }

    private static Http.Response federate(String... selectors) {
        String query = Arrays.stream(selectors).map(s -> "match[]=" + encode(s)).collect(Collectors.joining("&"));
        return Http.get(relay.uri("/federate?" + query));
    }

    private static String federateOk(String... selectors) {
        Http.Response response = federate(selectors);
        assertEquals(200, response.status(), response.body());
        assertFalse(response.body().isEmpty());
        return response.body();
    }

    private static HttpResponse<String> send(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
