package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay's query API against a real Prometheus 2.42 holding the same samples: one query per function and
 * operator family, instant and range, must give the same label sets and values (1e-9 relative), in the same
 * order where Prometheus defines one.
 *
 * <p>Both scrape the same fake target. To make their samples identical, the payload carries explicit timestamps
 * (honored by both, as by default): sample time then comes from the payload, not from when each scraper
 * happened to scrape. The payload moves to its next version every {@link #VERSION_MILLIS}, three scrape
 * intervals, so each scraper stores every version (a re-scrape of the same version is the same sample).
 * Versions are 15 s apart in sample time and start ten minutes in the past, so a few wall-clock seconds give
 * minutes of history for rate() windows, offsets and subqueries.
 */
class QueryApiDifferentialTest {
    private static final int VERSIONS = 24;
    private static final long SAMPLE_STEP_MILLIS = 15_000;
    private static final long VERSION_MILLIS = 1500;
    private static final double RELATIVE_TOLERANCE = 1e-9;

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static StartedRelay relay;
    private static PrometheusServer prometheus;
    private static long base;

    @BeforeAll
    static void start() throws Exception {
        PeerBinary.PROMETHEUS.locate();
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        base = (System.currentTimeMillis() - 10 * 60_000) / SAMPLE_STEP_MILLIS * SAMPLE_STEP_MILLIS;
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.text(payload(0))));
        String job = """
                  - job_name: diff
                    static_configs: [{targets: ["%s"]}]
                """.formatted(target.address());
        prometheus = cleanup.add(PrometheusServer.start(dir.resolve("prometheus"),
                "global: {scrape_interval: 500ms, scrape_timeout: 400ms}\nscrape_configs:\n" + job));
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 500ms, scrape_timeout: 400ms}
                scrape_configs:
                """ + job));
        awaitVersion(0);
        for (int k = 1; k < VERSIONS; k++) {
            target.answer(Answer.text(payload(k)));
            Thread.sleep(VERSION_MILLIS);
        }
        awaitVersion(VERSIONS - 1);
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    /** Queries, one per family; those whose order Prometheus defines start with "sort". */
    static List<String> queries() {
        return List.of(
                "rate(diff_requests_total[1m])",
                "increase(diff_requests_total[2m])",
                "irate(diff_requests_total[1m])",
                "sum by (code) (rate(diff_requests_total[2m]))",
                "sum without (path) (diff_requests_total)",
                "avg(diff_temperature)",
                "count by (path) (diff_requests_total)",
                "topk(2, diff_requests_total)",
                "bottomk(1, diff_temperature)",
                "quantile(0.3, diff_temperature)",
                "stddev(diff_requests_total)",
                "count_values(\"v\", diff_limit)",
                "histogram_quantile(0.9, sum by (le) (rate(diff_latency_seconds_bucket[2m])))",
                "histogram_quantile(0.5, rate(diff_latency_seconds_bucket[2m]))",
                "label_replace(diff_temperature, \"floor\", \"$1\", \"room\", \"(.*)-.*\")",
                "label_join(diff_requests_total, \"both\", \"/\", \"path\", \"code\")",
                "diff_requests_total * on(path) group_left(version) diff_info",
                "diff_info * on(path) group_right(version) diff_requests_total",
                "diff_requests_total / ignoring(code) group_left diff_limit",
                "diff_requests_total > bool 150",
                "diff_temperature > 19",
                "diff_requests_total{code=\"200\"} and on(path) diff_limit",
                "diff_requests_total unless on(path) diff_limit",
                "diff_temperature or diff_limit",
                "diff_requests_total offset 1m",
                "rate(diff_requests_total[1m] offset 90s)",
                "diff_temperature @ " + seconds(base + 5 * SAMPLE_STEP_MILLIS),
                "rate(diff_requests_total[1m] @ end())",
                "max_over_time(rate(diff_requests_total[1m])[3m:30s])",
                "avg_over_time(diff_temperature[2m:15s] offset 30s)",
                "absent(diff_missing{path=\"x\"})",
                "absent(diff_temperature)",
                "absent_over_time(diff_missing[1m])",
                "avg_over_time(diff_temperature[2m])",
                "min_over_time(diff_temperature[2m])",
                "max_over_time(diff_temperature[2m])",
                "sum_over_time(diff_temperature[2m])",
                "count_over_time(diff_temperature[2m])",
                "stddev_over_time(diff_temperature[3m])",
                "quantile_over_time(0.7, diff_temperature[3m])",
                "last_over_time(diff_temperature[1m])",
                "resets(diff_requests_total[5m])",
                "changes(diff_temperature[5m])",
                "delta(diff_temperature[2m])",
                "idelta(diff_temperature[2m])",
                "deriv(diff_temperature[2m])",
                "predict_linear(diff_temperature[2m], 60)",
                "round(diff_temperature, 0.5) + abs(-diff_limit) - clamp_max(diff_temperature, 20)",
                "exp(diff_temperature / 10) + ln(diff_limit) + sqrt(diff_limit)",
                "timestamp(diff_temperature)",
                "scalar(sum(diff_limit)) * time()",
                "vector(1) + 2 ^ 3 % 5",
                "holt_winters(diff_temperature[3m], 0.5, 0.5)",
                "sgn(diff_temperature - 20) + clamp(diff_temperature, 18.5, 21) + clamp_min(diff_limit, 10)",
                "ceil(diff_temperature) + floor(diff_temperature) + log2(diff_limit) + log10(diff_limit)",
                "sin(diff_temperature) + cos(diff_temperature) + deg(diff_limit) + rad(diff_limit) + pi()",
                "diff_temperature atan2 diff_limit",
                "minute(timestamp(diff_temperature)) + hour() + day_of_week() + days_in_month()",
                "group by (path) (diff_requests_total) + stdvar(diff_temperature)",
                "-diff_temperature == bool -diff_temperature",
                "sum by (path) (diff_requests_total) / on() group_left sum(diff_limit)",
                "diff_requests_total % 7 >= 3",
                "histogram_quantile(0.99, diff_latency_seconds_bucket)",
                "rate(diff_latency_seconds_sum[2m]) / rate(diff_latency_seconds_count[2m])",
                "diff_temperature offset -1m",
                "sum_over_time(diff_temperature[1m:7s])",
                "rate(diff_requests_total[5m:1m])",
                "sort_desc(topk(2, diff_requests_total))",
                "label_replace(diff_requests_total, \"code\", \"x$1\", \"nomatch\", \"(.+)\")",
                "count_values by (path) (\"value\", diff_requests_total)",
                "quantile by (path) (0.9, rate(diff_requests_total[3m]))",
                "max by (room) (diff_temperature) unless diff_temperature{room=\"lab-1\"}",
                "count_values(\"v\", diff_temperature / 3)",
                "quantile_over_time(1.5, diff_temperature[1m])",
                "scalar(diff_temperature) + scalar(diff_limit{path=\"/a\"})",
                "timestamp(diff_temperature offset 1m)",
                "predict_linear(diff_temperature[3m:20s], 30)",
                "-diff_temperature offset 1m",
                "diff_temperature > bool 20",
                "label_join(diff_info, \"x\", \"-\")",
                "sort_desc(diff_temperature / 0)",
                "sort(diff_temperature)",
                "sort_desc(sum by (path) (diff_requests_total))");
    }

    @ParameterizedTest(name = "instant {0}")
    @MethodSource("queries")
    void instantQueryAgrees(String query) {
        String params = "query=" + enc(query) + "&time=" + seconds(base + 20 * SAMPLE_STEP_MILLIS + 3500);
        compare(query, "/api/v1/query?" + params);
    }

    @ParameterizedTest(name = "range {0}")
    @MethodSource("queries")
    void rangeQueryAgrees(String query) {
        String params = "query=" + enc(query) + "&start=" + seconds(base + 60_000) + "&end="
                + seconds(base + (VERSIONS - 1) * SAMPLE_STEP_MILLIS) + "&step=7";
        compare(query, "/api/v1/query_range?" + params);
    }

    private static void compare(String query, String pathAndQuery) {
        JsonObject expected = data(prometheus.address(), pathAndQuery);
        JsonObject actual = data(relay.address(), pathAndQuery);
        assertEquals(expected.getString("resultType"), actual.getString("resultType"), query);
        Object e = expected.getValue("result");
        Object a = actual.getValue("result");
        if (!(e instanceof JsonArray ea) || ea.isEmpty() || !(ea.getValue(0) instanceof JsonObject)) {
            assertPoints(query, (JsonArray) e, (JsonArray) a);
            return;
        }
        List<JsonObject> es = series(ea, query.startsWith("sort"));
        List<JsonObject> as = series((JsonArray) a, query.startsWith("sort"));
        assertEquals(es.stream().map(s -> s.getJsonObject("metric")).toList(),
                as.stream().map(s -> s.getJsonObject("metric")).toList(), query + ": label sets");
        for (int i = 0; i < es.size(); i++) {
            JsonObject s = es.get(i);
            if (s.containsKey("value")) {
                assertPoint(query, s.getJsonArray("value"), as.get(i).getJsonArray("value"));
            } else {
                assertPoints(query, s.getJsonArray("values"), as.get(i).getJsonArray("values"));
            }
        }
        assertTrue(!es.isEmpty() || query.startsWith("absent"), query + " should give something to compare");
    }

    /** Series in Prometheus's order when it defines one, otherwise sorted by their labels. */
    private static List<JsonObject> series(JsonArray result, boolean ordered) {
        List<JsonObject> list = new ArrayList<>();
        result.forEach(o -> list.add((JsonObject) o));
        if (!ordered) {
            list.sort(Comparator.comparing(s -> s.getJsonObject("metric").encode()));
        }
        return list;
    }

    private static void assertPoints(String query, JsonArray expected, JsonArray actual) {
        if (expected.size() > 0 && !(expected.getValue(0) instanceof JsonArray)) {
            assertPoint(query, expected, actual);
            return;
        }
        assertEquals(expected.size(), actual.size(), query + ": points " + expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertPoint(query, expected.getJsonArray(i), actual.getJsonArray(i));
        }
    }

    private static void assertPoint(String query, JsonArray expected, JsonArray actual) {
        assertEquals(expected.getValue(0).toString(), actual.getValue(0).toString(), query + ": timestamp");
        double e = Double.parseDouble(expected.getString(1).replace("Inf", "Infinity"));
        double a = Double.parseDouble(actual.getString(1).replace("Inf", "Infinity"));
        if (Double.isNaN(e) || Double.isInfinite(e) || e == a) {
            assertEquals(expected.getString(1), actual.getString(1), query);
        } else if (Math.abs(e - a) > RELATIVE_TOLERANCE * Math.max(Math.abs(e), Math.abs(a))) {
            fail(query + ": expected " + expected + " but the relay gave " + actual);
        }
    }

    private static JsonObject data(String address, String pathAndQuery) {
        Http.Response response = Http.get(URI.create("http://" + address + pathAndQuery));
        JsonObject answer = new JsonObject(response.body());
        if (response.status() != 200) {
            fail(address + pathAndQuery + " answered " + response.status() + ": " + response.body());
        }
        return answer.getJsonObject("data");
    }

    /** Waits until both have stored version {@code k}, seen through the newest timestamp of a gauge. */
    private static void awaitVersion(int k) {
        String expected = String.valueOf((base + k * SAMPLE_STEP_MILLIS) / 1000);
        String query = "/api/v1/query?query=" + enc("max(timestamp(diff_temperature))") + "&time="
                + seconds(base + k * SAMPLE_STEP_MILLIS + 1000);
        for (String address : List.of(prometheus.address(), relay.address())) {
            Await.until(address + " to hold version " + k, Duration.ofSeconds(30), () -> {
                JsonArray result = data(address, query).getJsonArray("result");
                return Optional.of(result).filter(r -> !r.isEmpty()
                        && r.getJsonObject(0).getJsonArray("value").getString(1).equals(expected));
            }, prometheus::describe);
        }
    }

    /**
     * Version {@code k} of the target: counters that grow at changing rates (one resets half-way), gauges that
     * wander, a classic histogram per path, and info-style series to join on; every sample at base + 15 s × k.
     */
    static String payload(int k) {
        long ts = base + k * SAMPLE_STEP_MILLIS;
        StringBuilder out = new StringBuilder();
        out.append("# TYPE diff_requests_total counter\n");
        line(out, "diff_requests_total{path=\"/a\",code=\"200\"}", 100 + 7.5 * k + (k * k % 5), ts);
        line(out, "diff_requests_total{path=\"/a\",code=\"500\"}", 1 + 0.2 * k, ts);
        line(out, "diff_requests_total{path=\"/b\",code=\"200\"}", k < 12 ? 50 + 3.3 * k : 2.1 * (k - 12), ts);
        out.append("# TYPE diff_temperature gauge\n");
        line(out, "diff_temperature{room=\"lab-1\"}", 20 + 3 * Math.sin(k / 3.0), ts);
        line(out, "diff_temperature{room=\"hall-2\"}", 18 + 0.1 * k, ts);
        out.append("# TYPE diff_limit gauge\n");
        line(out, "diff_limit{path=\"/a\"}", 40, ts);
        line(out, "diff_limit{path=\"/c\"}", 7, ts);
        out.append("# TYPE diff_info gauge\n");
        line(out, "diff_info{path=\"/a\",version=\"1.2\"}", 1, ts);
        line(out, "diff_info{path=\"/b\",version=\"2.0\"}", 1, ts);
        out.append("# TYPE diff_latency_seconds histogram\n");
        histogram(out, "/a", new double[] {2 * k, 5 * k + k % 3, 7 * k + k % 4, 8 * k + k % 4}, 3.3 * k, ts);
        histogram(out, "/b", new double[] {k, 1.5 * k, 4 * k, 4 * k + 1}, 2.2 * k, ts);
        return out.toString();
    }

    private static void histogram(StringBuilder out, String path, double[] buckets, double sum, long ts) {
        String[] bounds = {"0.1", "0.5", "1", "+Inf"};
        for (int i = 0; i < bounds.length; i++) {
            line(out, "diff_latency_seconds_bucket{path=\"" + path + "\",le=\"" + bounds[i] + "\"}", buckets[i], ts);
        }
        line(out, "diff_latency_seconds_sum{path=\"" + path + "\"}", sum, ts);
        line(out, "diff_latency_seconds_count{path=\"" + path + "\"}", buckets[bounds.length - 1], ts);
    }

    private static void line(StringBuilder out, String series, double value, long ts) {
        out.append(series).append(' ').append(value).append(' ').append(ts).append('\n');
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.format("%d.%03d", millis / 1000, millis % 1000);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
