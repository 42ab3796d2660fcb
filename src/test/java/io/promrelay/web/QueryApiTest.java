package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.QuerySettings;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.SharedFixtures;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The query API over real HTTP against a relay scraping node-exporter's payload: each endpoint's JSON shape,
 * value and timestamp formatting, parameter parsing and Prometheus's error types and statuses, POST forms, limits.
 */
class QueryApiTest {
    private static final String SECRET_TOKEN = "query-api-t0ken-never-shown";
    private static final String NODE_SELECTOR = "node_load1{job=\"node\"}";
    /** Far below node-exporter's 1,300 series times a few scrapes, far above what the other queries load. */
    private static final long MAX_SAMPLES = 1000;

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Path payload = SharedFixtures.require("exposition/node_exporter.prom");
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        FakeTarget node = cleanup.add(FakeTarget.start(vertx, Answer.text(Files.readString(payload))));
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: node
                    static_configs: [{targets: ["%s"]}]
                  - job_name: guarded
                    authorization: {credentials: "%s"}
                    static_configs: [{targets: ["127.0.0.1:1"]}]
                """.formatted(node.address(), SECRET_TOKEN),
                new QuerySettings(Duration.ofMinutes(1), 4, MAX_SAMPLES)));
        Await.until("node_load1 scraped", Duration.ofSeconds(30),
                () -> Optional.of(query("/api/v1/query?query=" + enc(NODE_SELECTOR)))
                        .filter(r -> !r.getJsonObject("data").getJsonArray("result").isEmpty()),
                () -> "nothing scraped yet");
        Await.until("the guarded job's failed scrape reported", Duration.ofSeconds(30),
                () -> Optional.of(query("/api/v1/query?query=" + enc("up{job=\"guarded\"}")))
                        .filter(r -> !r.getJsonObject("data").getJsonArray("result").isEmpty()),
                () -> "no up series for the guarded job yet");
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void instantVectorCarriesLabelsTimestampAndValueAsString() {
        JsonObject answer = query("/api/v1/query?query=" + enc(NODE_SELECTOR));
        assertEquals("success", answer.getString("status"));
        assertFalse(answer.containsKey("warnings"), "no warnings for a plain query");
        JsonObject data = answer.getJsonObject("data");
        assertEquals("vector", data.getString("resultType"));
        JsonObject sample = data.getJsonArray("result").getJsonObject(0);
        assertEquals("node_load1", sample.getJsonObject("metric").getString("__name__"));
        assertEquals("node", sample.getJsonObject("metric").getString("job"));
        JsonArray value = sample.getJsonArray("value");
        assertEquals("0.21", value.getString(1));
        double seconds = value.getDouble(0);
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000.0) < 60, "evaluated now: " + seconds);
    }

    @Test
    void timeAsUnixSecondsOrRfc3339GivesTheSameInstant() {
        String unix = Http.getOk(relay.uri("/api/v1/query?query=" + enc("1+1") + "&time=1700000000.5"));
        String rfc = Http.getOk(relay.uri("/api/v1/query?query=" + enc("1+1") + "&time=2023-11-14T22:13:20.5Z"));
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.500,\"2\"]}}", unix);
        assertEquals(unix, rfc);
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1700000000.050,\"2\"]}}",
                Http.getOk(relay.uri("/api/v1/query?query=" + enc("1+1") + "&time=1700000000.05")));
    }

    @ParameterizedTest(name = "{0} is written \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "node_boot_time_seconds{job=\"node\"} | 1418183276",
            "0.1 + 0.2 | 0.30000000000000004",
            "1e6 | 1000000",
            "123456789.125 | 123456789.125",
            "1e-7 | 1e-07",
            "1e21 | 1e+21",
            "1e20 | 100000000000000000000",
            "1/0 | +Inf",
            "-1/0 | -Inf",
            "0/0 | NaN",
            "-0.000001 | -0.000001"})
    void valuesAreFormattedAsPrometheusFormatsThem(String expr, String expected) {
        JsonObject data = query("/api/v1/query?query=" + enc(expr)).getJsonObject("data");
        JsonArray point = data.getString("resultType").equals("scalar") ? data.getJsonArray("result")
                : data.getJsonArray("result").getJsonObject(0).getJsonArray("value");
        assertEquals(expected, point.getString(1));
    }

    @Test
    void stringAndRangeVectorResults() {
        JsonObject string = query("/api/v1/query?query=" + enc("\"hello\"") + "&time=10").getJsonObject("data");
        assertEquals(new JsonObject("{\"resultType\":\"string\",\"result\":[10,\"hello\"]}"), string);
        JsonObject matrix = query("/api/v1/query?query=" + enc(NODE_SELECTOR + "[1m]")).getJsonObject("data");
        assertEquals("matrix", matrix.getString("resultType"));
        JsonArray values = matrix.getJsonArray("result").getJsonObject(0).getJsonArray("values");
        assertFalse(values.isEmpty());
        assertEquals("0.21", values.getJsonArray(0).getString(1));
    }

    @Test
    void rangeQueryTakesSecondsOrDurationsAndRfc3339() {
        // A second ahead, so the last step sees a sample even when the first scrape landed within this second.
        long now = System.currentTimeMillis() / 1000 + 1;
        String base = "/api/v1/query_range?query=" + enc(NODE_SELECTOR);
        JsonObject seconds = query(base + "&start=" + (now - 20) + "&end=" + now + "&step=10");
        JsonObject duration = query(base + "&start=" + (now - 20) + "&end=" + now + "&step=10s");
        JsonObject rfc = query(base + "&start=" + java.time.Instant.ofEpochSecond(now - 20) + "&end="
                + java.time.Instant.ofEpochSecond(now) + "&step=10s");
        assertEquals("matrix", seconds.getJsonObject("data").getString("resultType"));
        JsonArray values = seconds.getJsonObject("data").getJsonArray("result").getJsonObject(0).getJsonArray("values");
        JsonArray last = values.getJsonArray(values.size() - 1);
        assertEquals(now, last.getLong(0));
        assertEquals("0.21", last.getString(1));
        assertEquals(seconds, duration);
        assertEquals(seconds, rfc);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/api/v1/query?query=sum(| 400 | bad_data | invalid parameter \"query\": 1:5: parse error:",
            "/api/v1/query?query=1&time=abc | 400 | bad_data | invalid parameter \"time\": Invalid time value for 'time': cannot parse \"abc\" to a valid timestamp",
            "/api/v1/query?query=1&timeout=x | 400 | bad_data | invalid parameter \"timeout\": cannot parse \"x\" to a valid duration",
            "/api/v1/query_range?query=1&start=10&end=5&step=1 | 400 | bad_data | invalid parameter \"end\": end timestamp must not be before start time",
            "/api/v1/query_range?query=1&start=0&end=5&step=0 | 400 | bad_data | invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer",
            "/api/v1/query_range?query=1&start=0&end=5&step=1h1h | 400 | bad_data | invalid parameter \"step\": cannot parse \"1h1h\" to a valid duration",
            "/api/v1/query_range?query=1&end=5&step=1 | 400 | bad_data | invalid parameter \"start\": cannot parse \"\" to a valid timestamp",
            "/api/v1/query_range?query=1&start=0&end=11001&step=1 | 400 | bad_data | exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
            "/api/v1/query_range?query=up[5m]&start=0&end=5&step=1 | 400 | bad_data | invalid expression type \"range vector\" for range query, must be Scalar or instant Vector",
            "/api/v1/query?query=node_cpu_seconds_total%2Bon(cpu)node_cpu_seconds_total | 422 | execution | found duplicate series for the match group {cpu=\"0\"} on the right hand-side",
            "/api/v1/query?query=1&timeout=0.000001 | 503 | timeout | query timed out",
            "/api/v1/query?query=last_over_time(%7Bjob%3D%22node%22%7D%5B1m%5D) | 422 | execution | query processing would load too many samples into memory in query execution",
            "/api/v1/series | 400 | bad_data | no match[] parameter provided",
            "/api/v1/series?match[]=%7Bjob%3D~%22.*%22%7D | 400 | bad_data | invalid parameter \"match[]\": 1:1: parse error: vector selector must contain at least one non-empty matcher",
            "/api/v1/series?match[]=up%7B | 400 | bad_data | invalid parameter \"match[]\": 1:",
            "/api/v1/labels?match[]=up%7B | 400 | bad_data | 1:",
            "/api/v1/series?match[]=up&limit=-1 | 400 | bad_data | invalid parameter \"limit\": limit must be non-negative",
            "/api/v1/label/1bad/values | 400 | bad_data | invalid label name: \"1bad\"",
            "/api/v1/metadata?limit=x | 400 | bad_data | limit must be a number",
            "/api/v1/query_exemplars?query=sum( | 400 | bad_data | 1:5: parse error:",
            "/api/v1/format_query?query=sum( | 400 | bad_data | invalid parameter \"query\": 1:5: parse error:"})
    void errorsHavePrometheusTypesStatusesAndWording(String pathAndQuery, int status, String type, String message) {
        Http.Response response = Http.get(relay.uri(pathAndQuery));
        assertEquals(status, response.status(), response.body());
        assertEquals("application/json", response.header("Content-Type"));
        JsonObject body = new JsonObject(response.body());
        assertEquals("error", body.getString("status"));
        assertEquals(type, body.getString("errorType"));
        assertTrue(body.getString("error").startsWith(message), body.getString("error"));
    }

    @Test
    void postFormBodiesAreReadAndTakePrecedenceOverTheUrl() {
        Http.Response response = Http.post(relay.uri("/api/v1/query?query=3"), form("query", "1+1", "time", "100"),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(200, response.status(), response.body());
        assertEquals("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[100,\"2\"]}}",
                response.body());
        Http.Response range = Http.post(relay.uri("/api/v1/query_range"),
                form("query", "time()", "start", "0", "end", "60", "step", "30"),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals("[[0,\"0\"],[30,\"30\"],[60,\"60\"]]", new JsonObject(range.body()).getJsonObject("data")
                .getJsonArray("result").getJsonObject(0).getJsonArray("values").encode());
        Http.Response series = Http.post(relay.uri("/api/v1/series"), form("match[]", NODE_SELECTOR),
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(1, new JsonObject(series.body()).getJsonArray("data").size(), series.body());
    }

    @Test
    void aFormBodyOverTheLimitIsRefused() {
        byte[] huge = form("query", "1" + " ".repeat(QueryApi.MAX_FORM_BYTES));
        Http.Response response = Http.post(relay.uri("/api/v1/query"), huge,
                "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(413, response.status());
    }

    @Test
    void seriesListsLabelSetsWithinTheTimeRangeAndHonoursLimit() {
        JsonArray series = query("/api/v1/series?match[]=" + enc(NODE_SELECTOR)).getJsonArray("data");
        assertEquals(1, series.size());
        JsonObject labels = series.getJsonObject(0);
        assertEquals("node_load1", labels.getString("__name__"));
        assertEquals(List.of("__name__", "instance", "job"), List.copyOf(labels.fieldNames()));
        JsonArray past = query("/api/v1/series?match[]=" + enc(NODE_SELECTOR) + "&start=0&end=100")
                .getJsonArray("data");
        assertTrue(past.isEmpty(), "no samples in 1970: " + past);
        JsonObject limited = query("/api/v1/series?match[]=node_cpu_seconds_total&match[]=node_load1&limit=2");
        assertEquals(2, limited.getJsonArray("data").size());
        assertEquals(new JsonArray().add("results truncated due to limit"), limited.getJsonArray("warnings"));
        JsonArray cpus = query("/api/v1/series?match[]=node_cpu_seconds_total").getJsonArray("data");
        assertEquals(64, cpus.size());
        assertEquals("0", cpus.getJsonObject(0).getString("cpu"));
    }

    @Test
    void labelNamesAndValues() {
        List<?> names = query("/api/v1/labels").getJsonArray("data").getList();
        assertTrue(names.containsAll(List.of("__name__", "cpu", "mode", "instance", "job")), names.toString());
        assertEquals(List.of("__name__", "instance", "job"),
                query("/api/v1/labels?match[]=" + enc(NODE_SELECTOR)).getJsonArray("data").getList());
        List<?> metricNames = query("/api/v1/label/__name__/values").getJsonArray("data").getList();
        assertTrue(metricNames.contains("node_load1") && metricNames.contains("up"), metricNames.toString());
        assertEquals(List.of("guarded", "node"), query("/api/v1/label/job/values").getJsonArray("data").getList());
        assertEquals(List.of("node"), query("/api/v1/label/job/values?match[]=node_load1").getJsonArray("data").getList());
        assertEquals(List.of(), query("/api/v1/label/job/values?match[]=node_load1&start=0&end=1")
                .getJsonArray("data").getList());
        assertEquals(2, query("/api/v1/label/__name__/values?limit=2").getJsonArray("data").size());
    }

    @Test
    void metadataFromTheScrapedTypeAndHelpLines() {
        JsonObject one = query("/api/v1/metadata?metric=node_cpu_seconds_total").getJsonObject("data");
        assertEquals(new JsonObject().put("node_cpu_seconds_total", new JsonArray().add(new JsonObject()
                .put("type", "counter").put("help", "Seconds the CPUs spent in each mode.").put("unit", ""))), one);
        assertEquals(1, query("/api/v1/metadata?limit=1").getJsonObject("data").size());
        assertTrue(query("/api/v1/metadata").getJsonObject("data").size() > 500);
        assertTrue(query("/api/v1/metadata?metric=no_such_metric").getJsonObject("data").isEmpty());
    }

    @Test
    void buildInfoAndConfigWithSecretsHidden() {
        JsonObject build = query("/api/v1/status/buildinfo").getJsonObject("data");
        assertEquals("2.42.0", build.getString("version"));
        assertTrue(build.getString("revision").startsWith("promrelay-"));
        String yaml = query("/api/v1/status/config").getJsonObject("data").getString("yaml");
        assertTrue(yaml.contains("job_name: guarded") && yaml.contains("<secret>"), yaml);
        assertFalse(yaml.contains(SECRET_TOKEN), yaml);
    }

    @Test
    void exemplarsAreEmptyAndFormatQueryPrintsTheCanonicalForm() {
        assertEquals(new JsonArray(), query("/api/v1/query_exemplars?query=" + enc(NODE_SELECTOR)
                + "&start=0&end=100").getJsonArray("data"));
        assertEquals("sum by (job) (rate(foo[5m]))",
                query("/api/v1/format_query?query=" + enc("sum(rate(foo[5m]))by(job)")).getString("data"));
    }

    private static JsonObject query(String pathAndQuery) {
        return new JsonObject(Http.getOk(relay.uri(pathAndQuery)));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] form(String... nameValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            sb.append(i == 0 ? "" : "&").append(enc(nameValues[i])).append('=').append(enc(nameValues[i + 1]));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
