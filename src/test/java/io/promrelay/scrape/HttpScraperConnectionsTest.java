package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Targets that share a host:port (kubelet's several metrics paths, say) are scraped side by side, never queued. */
class HttpScraperConnectionsTest {
    private static final int TARGETS_ON_ONE_PORT = 12;
    private static final Duration ANSWER_DELAY = Duration.ofMillis(700);

    @Test
    void slowTargetsOnOneHostPortDoNotWaitForEachOthersConnections() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            Vertx vertx = Vertx.vertx();
            cleanup.add(vertx::close);
            FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.text("a 1\n").delayedBy(ANSWER_DELAY)));
            HttpClient client = HttpScraper.createClient(vertx);
            cleanup.add(client::close);
            // The deadline leaves room for one answer, not for two in a row on the same connection.
            HttpScraper scraper = new HttpScraper(vertx, client, ScrapeTestSupport.config(ANSWER_DELAY.multipliedBy(2)));

            List<Future<ScrapeBody>> scrapes = new ArrayList<>();
            for (int i = 0; i < TARGETS_ON_ONE_PORT; i++) {
                scrapes.add(scraper.scrape("http://" + target.address() + "/metrics/path" + i, 64));
            }
            Future.join(scrapes).otherwiseEmpty().await(20, TimeUnit.SECONDS);

            List<String> failures = scrapes.stream().filter(Future::failed).map(f -> f.cause().getMessage()).toList();
            assertTrue(failures.isEmpty(), "scrapes that failed: " + failures);
        }
    }
}
