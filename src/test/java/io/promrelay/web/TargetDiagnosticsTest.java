package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Cleanup;
import io.promrelay.testing.ClosedPort;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed scrape's diagnosis where an operator looks: beside lastError in /api/v1/targets, in the failure counter
 * of /metrics, and in the log, once per change of state however many scrapes fail.
 */
class TargetDiagnosticsTest {
    private static final Logger STATE_LOG = Logger.getLogger("io.promrelay.scrape.TargetStateLog");
    private static final List<String> logged = new CopyOnWriteArrayList<>();
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static FakeTarget up;
    private static FakeTarget flapping;
    private static String refused;
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        STATE_LOG.addHandler(capture);
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        up = cleanup.add(FakeTarget.start(vertx, Answer.text("up_metric 1\n")));
        flapping = cleanup.add(FakeTarget.start(vertx, Answer.text("flapping_metric 1\n")));
        refused = "127.0.0.1:" + ClosedPort.number();
        relay = cleanup.add(StartedRelay.start(vertx, dir, """
                promrelay: {listen_address: "127.0.0.1:0", retention: 2h}
                global: {scrape_interval: 300ms, scrape_timeout: 250ms}
                scrape_configs:
                  - {job_name: up, static_configs: [{targets: ["%s"]}]}
                  - {job_name: refused, static_configs: [{targets: ["%s"]}]}
                  - {job_name: flapping, static_configs: [{targets: ["%s"]}]}
                """.formatted(up.address(), refused, flapping.address())));
    }

    @AfterAll
    static void stop() throws Exception {
        STATE_LOG.removeHandler(capture);
        cleanup.close();
    }

    @Test
    void downTargetHasKindAndHintBesideLastError() {
        JsonObject target = relay.awaitTarget("refused", "down", t -> "down".equals(t.getString("health")));

        assertEquals("connection_refused", target.getString("lastErrorKind"));
        assertTrue(target.getString("lastErrorHint").contains("nothing accepts connections on " + refused),
                target.encodePrettily());
    }

    @Test
    void upTargetHasEmptyKindAndHint() {
        JsonObject target = relay.awaitTarget("up", "up", t -> "up".equals(t.getString("health")));

        assertEquals("", target.getString("lastErrorKind"));
        assertEquals("", target.getString("lastErrorHint"));
    }

    @Test
    void failuresAreCountedByJobAndKind() {
        relay.awaitTarget("refused", "down", t -> "down".equals(t.getString("health")));

        String metrics = Http.getOk(relay.uri("/metrics"));

        assertTrue(metrics.contains("promrelay_scrape_failures_total{job=\"refused\",kind=\"connection_refused\"}"), metrics);
    }

    @Test
    void eachChangeOfStateIsLoggedOnceHoweverManyScrapesRepeatIt() {
        String who = "job flapping target http://" + flapping.address() + "/metrics";
        awaitScrapes("flapping", 3, t -> "up".equals(t.getString("health")));
        int before = logged.size();

        flapping.answer(Answer.status(500));
        awaitScrapes("flapping", 4, t -> "down".equals(t.getString("health")));
        flapping.answer(Answer.text("flapping_metric 1\n"));
        awaitScrapes("flapping", 4, t -> "up".equals(t.getString("health")));

        List<String> lines = logged.subList(before, logged.size()).stream().filter(line -> line.startsWith(who)).toList();
        assertEquals(List.of(who + " is down: server returned HTTP status 500 Internal Server Error [http_status]",
                who + " is up again"), lines);
    }

    /** Waits until {@code count} scrapes in a row ended in {@code state}. */
    private static void awaitScrapes(String job, int count, Predicate<JsonObject> state) {
        for (int i = 0; i < count; i++) {
            String before = relay.target(job).map(t -> t.getString("lastScrape")).orElse("");
            relay.awaitTarget(job, "scraped again in the expected state", t -> state.test(t)
                    && !before.equals(t.getString("lastScrape"))
                    && OffsetDateTime.parse(t.getString("lastScrape")).toInstant().toEpochMilli() > 0);
        }
    }
}
