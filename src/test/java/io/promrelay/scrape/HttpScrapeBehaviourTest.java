package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.Version;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ExpositionSamples;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.promrelay.textparse.ExpositionFormat;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scraping as a target owner sees it: what the relay's requests look like, how answers of every kind are read,
 * how failures show in /api/v1/targets and in the up series, and that one failing target leaves others alone.
 */
class HttpScrapeBehaviourTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    // A minute ago, in whole seconds plus a quarter: OpenMetrics timestamps are seconds with a fraction.
    private static final long OPENMETRICS_SECONDS = System.currentTimeMillis() / 1000 - 60;
    private static final String SAMPLE_LIMIT_PAYLOAD = "a 1\nb 2\nc 3\nd 4\ne 5\n";

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static FakeTarget headers;
    private static FakeTarget gzipped;
    private static FakeTarget openMetrics;
    private static FakeTarget notFound;
    private static FakeTarget slow;
    private static FakeTarget large;
    private static FakeTarget tooMany;
    private static FakeTarget malformed;
    private static FakeTarget good;
    private static FakeTarget bad;
    private static FakeTarget report;
    private static FakeTarget recovering;
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        headers = target(vertx, Answer.text("header_probe 1\n"));
        gzipped = target(vertx, Answer.text("# TYPE gzipped_metric gauge\ngzipped_metric{a=\"b\"} 42\n").gzipped());
        openMetrics = target(vertx, Answer.openMetrics("# TYPE om_gauge gauge\nom_gauge{a=\"b\"} 3.5 "
                + OPENMETRICS_SECONDS + ".25\n# EOF\n"));
        notFound = target(vertx, Answer.status(404));
        slow = target(vertx, Answer.text("slow_metric 1\n").delayedBy(Duration.ofMillis(1500)));
        large = target(vertx, Answer.text("padding{text=\"" + "x".repeat(4096) + "\"} 1\n"));
        tooMany = target(vertx, Answer.text(SAMPLE_LIMIT_PAYLOAD));
        malformed = target(vertx, Answer.text("first 1\nsecond 2\nthird{a=\"b\" 3\n"));
        good = target(vertx, Answer.text("good_metric 1\n"));
        bad = target(vertx, Answer.status(500));
        report = target(vertx, Answer.text("kept_one 1\nkept_two 2\nkept_three 3\ndropme_please 4\n"));
        recovering = target(vertx, Answer.status(503));
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 500ms}
                scrape_configs:
                  - {job_name: headers, scrape_interval: 1s, scrape_timeout: 1s, %s}
                  - {job_name: gzipped, %s}
                  - {job_name: openmetrics, %s}
                  - {job_name: not-found, %s}
                  - {job_name: slow, scrape_interval: 1s, scrape_timeout: 300ms, %s}
                  - {job_name: body-limit, body_size_limit: 1KB, %s}
                  - {job_name: sample-limit, sample_limit: 3, %s}
                  - {job_name: malformed, %s}
                  - {job_name: mixed, static_configs: [{targets: ["%s", "%s"]}]}
                  - job_name: report
                    metric_relabel_configs: [{source_labels: [__name__], regex: "dropme_.*", action: drop}]
                    %s
                  - {job_name: recovering, %s}
                """.formatted(targets(headers), targets(gzipped), targets(openMetrics), targets(notFound),
                targets(slow), targets(large), targets(tooMany), targets(malformed), good.address(), bad.address(),
                targets(report), targets(recovering))));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    private static FakeTarget target(Vertx vertx, Answer answer) {
        return cleanup.add(FakeTarget.start(vertx, answer));
    }

    private static String targets(FakeTarget target) {
        return "static_configs: [{targets: [\"" + target.address() + "\"]}]";
    }

    @Test
    void requestAsksForOpenMetricsFirstThenTheTextFormat() {
        String accept = requestHeaders().get("Accept");

        assertEquals(ExpositionFormat.ACCEPT_HEADER, accept);
        assertTrue(accept.startsWith("application/openmetrics-text;version=1.0.0,"), accept);
    }

    @Test
    void requestAcceptsGzip() {
        String encodings = requestHeaders().get("Accept-Encoding");

        assertTrue(encodings != null && Arrays.stream(encodings.split(",")).map(String::strip).anyMatch("gzip"::equals),
                "Accept-Encoding: " + encodings);
    }

    /** Prometheus writes the timeout with Go's FormatFloat(seconds, 'f', -1, 64): "1" for one second, not "1.0". */
    @Test
    void requestCarriesTheScrapeTimeoutInSeconds() {
        assertEquals("1", requestHeaders().get("X-Prometheus-Scrape-Timeout-Seconds"));
    }

    @Test
    void requestIdentifiesThePromrelayVersion() {
        assertEquals("promrelay/" + Version.VERSION, requestHeaders().get("User-Agent"));
    }

    @Test
    void gzipCompressedAnswerIsDecoded() {
        awaitHealth("gzipped", "up");

        assertEquals(Map.of(Labels.of("__name__", "gzipped_metric", "a", "b", "job", "gzipped",
                "instance", gzipped.address()), 42.0), federated("gzipped_metric"));
    }

    @Test
    void openMetricsAnswerIsReadAsOpenMetricsWithSecondTimestamps() {
        awaitHealth("openmetrics", "up");

        assertEquals(List.of("om_gauge{a=\"b\",instance=\"" + openMetrics.address() + "\",job=\"openmetrics\"} 3.5 "
                + (OPENMETRICS_SECONDS * 1000 + 250)), sampleLines(relay.federate("om_gauge")));
    }

    @Test
    void status404MakesTheTargetDownWithTheStatusAsError() {
        awaitDown("not-found", "server returned HTTP status 404 Not Found"::equals);

        assertEquals(0.0, upValue("not-found", notFound));
    }

    @Test
    void targetSlowerThanTheScrapeTimeoutIsDownWithADeadlineError() {
        awaitDown("slow", ("Get \"http://" + slow.address() + "/metrics\": context deadline exceeded")::equals);

        assertEquals(0.0, upValue("slow", slow));
    }

    @Test
    void bodyLargerThanBodySizeLimitMakesTheTargetDownNamingTheLimit() {
        awaitDown("body-limit", error -> error.contains("body size limit exceeded") && error.contains("1024"));

        assertEquals(0.0, upValue("body-limit", large));
        assertEquals(Map.of(), federated("padding"));
    }

    @Test
    void moreSamplesThanSampleLimitMakeTheTargetDownNamingTheLimit() {
        awaitDown("sample-limit", error -> error.contains("sample limit exceeded") && error.contains("3"));

        assertEquals(Map.of(), federated("{job=\"sample-limit\",__name__=~\"[a-e]\"}"));
    }

    /** Prometheus still counts what the refused scrape held, so the owner sees by how much the limit was missed. */
    @Test
    void scrapeRefusedBySampleLimitReportsTheSamplesItHeld() {
        awaitDown("sample-limit", error -> error.contains("sample limit exceeded"));

        Map<String, Double> reported = reportValues("sample-limit", tooMany);
        assertEquals(0.0, reported.get("up"));
        assertEquals(5.0, reported.get("scrape_samples_scraped"), reported.toString());
        assertEquals(5.0, reported.get("scrape_samples_post_metric_relabeling"), reported.toString());
    }

    @Test
    void malformedBodyMakesTheTargetDownNamingTheLine() {
        awaitDown("malformed", error -> error.contains("line 3"));

        assertEquals(Map.of(), federated("{job=\"malformed\",__name__=~\"first|second|third\"}"));
    }

    @Test
    void failingTargetDoesNotDisturbAGoodOneInTheSameJob() {
        Await.until("the good target up and the bad one down in job mixed", WAIT,
                () -> Optional.of(mixedHealth()).filter(health -> health.equals(Map.of(good.address(), "up",
                        bad.address(), "down"))),
                () -> mixedHealth().toString());

        assertEquals(Map.of(Labels.of("__name__", "good_metric", "job", "mixed", "instance", good.address()), 1.0),
                federated("good_metric"));
        assertEquals(1.0, upValue("mixed", good));
        assertEquals(0.0, upValue("mixed", bad));
    }

    @Test
    void scrapeReportSeriesCarryTheScrapesFigures() {
        awaitHealth("report", "up");
        // The first scrape adds three series; any later one adds none.
        Map<String, Double> reported = Await.until("a report from a scrape after the first", WAIT,
                () -> Optional.of(reportValues("report", report)).filter(r -> r.get("scrape_series_added") == 0),
                () -> reportValues("report", report).toString());

        assertEquals(1.0, reported.get("up"));
        assertEquals(4.0, reported.get("scrape_samples_scraped"));
        assertEquals(3.0, reported.get("scrape_samples_post_metric_relabeling"));
        double duration = reported.get("scrape_duration_seconds");
        // Seconds, not milliseconds: a local scrape of four lines takes a small fraction of a second.
        assertTrue(duration > 0 && duration < 5, "scrape_duration_seconds " + duration);
        assertEquals(Map.of(), federated("dropme_please"));
    }

    @Test
    void recoveredTargetIsUpAgainWithoutError() {
        awaitDown("recovering", error -> error.contains("503"));
        assertEquals(0.0, upValue("recovering", recovering));

        recovering.answer(Answer.text("back_again 1\n"));

        JsonObject target = awaitHealth("recovering", "up");
        assertEquals("", target.getString("lastError"));
        Await.until("up of job recovering to be 1", WAIT,
                () -> Optional.of(upValue("recovering", recovering)).filter(up -> up == 1.0),
                () -> relay.federate("{job=\"recovering\"}"));
    }

    private static MultiMap requestHeaders() {
        return Await.until("a scrape request at the headers target", WAIT, headers::lastRequestHeaders,
                () -> relay.target("headers").map(JsonObject::encodePrettily).orElse("no target"));
    }

    /**
     * Waits for the target to be down for the given reason; a first scrape in a cold JVM may time out, which
     * is down for another reason.
     */
    private static void awaitDown(String job, Predicate<String> lastError) {
        relay.awaitTarget(job, "down with the expected error", target -> "down".equals(target.getString("health"))
                && lastError.test(target.getString("lastError")));
    }

    private static JsonObject awaitHealth(String job, String health) {
        Predicate<JsonObject> state = target -> health.equals(target.getString("health"));
        return relay.awaitTarget(job, health, state);
    }

    private static Map<String, String> mixedHealth() {
        Map<String, String> health = new TreeMap<>();
        JsonObject answer = new JsonObject(Http.getOk(relay.uri("/api/v1/targets")));
        answer.getJsonObject("data").getJsonArray("activeTargets").stream()
                .map(JsonObject.class::cast)
                .filter(target -> "mixed".equals(target.getString("scrapePool")))
                .forEach(target -> health.put(target.getJsonObject("labels").getString("instance"),
                        target.getString("health")));
        return health;
    }

    private static double upValue(String job, FakeTarget target) {
        return reportValues(job, target).get("up");
    }

    /** The five series every scrape of the target reports, by metric name. */
    private static Map<String, Double> reportValues(String job, FakeTarget target) {
        Map<String, Double> values = new TreeMap<>();
        federated("{job=\"" + job + "\",instance=\"" + target.address() + "\",__name__=~\"up|scrape_.+\"}")
                .forEach((labels, value) -> values.put(labels.metricName(), value));
        assertEquals(5, values.size(), "report series of " + job + ": " + values);
        return values;
    }

    private static Map<Labels, Double> federated(String selector) {
        return ExpositionSamples.parse(relay.federate(selector));
    }

    private static List<String> sampleLines(String body) {
        return body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
    }
}
