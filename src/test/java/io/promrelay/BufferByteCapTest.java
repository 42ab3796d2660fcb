package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.storage.HeadStats;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay with a small {@code max_buffer_bytes} scraping many series fast: the buffer stays under the cap by
 * evicting its oldest chunks, says so on /metrics and /status, and /federate still serves the newest samples.
 */
class BufferByteCapTest {
    private static final int SERIES = 400;
    // Room for the series and a full open chunk each (about 730KiB by the buffer's estimate) plus closed chunks
    // to evict: below that the cap would be reached with nothing evictable, and samples refused instead.
    private static final long CAP = 1024 * 1024;
    private static final Duration EVICTION_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static Answer answer(DoubleSupplier value) {
        StringBuilder b = new StringBuilder("# TYPE memcap_load gauge\n");
        for (int i = 0; i < SERIES; i++) {
            b.append("memcap_load{i=\"").append(i).append("\"} ").append(value.getAsDouble()).append('\n');
        }
        return Answer.text(b.toString());
    }

    @Test
    void staysUnderTheCapByEvictingTheOldestDataAndFederatesTheNewest() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            Vertx vertx = Vertx.vertx();
            cleanup.add(vertx::close);
            FakeTarget target = cleanup.add(FakeTarget.start(vertx, answer(Math::random)));
            // Random values take the most chunk bytes per sample, so the cap is reached after few scrapes.
            long changing = vertx.setPeriodic(20, id -> target.answer(answer(Math::random)));
            StartedRelay relay = cleanup.add(StartedRelay.start(vertx, dir, """
                    promrelay: {listen_address: "127.0.0.1:0", retention: 2h, max_buffer_bytes: 1MiB}
                    global: {scrape_interval: 50ms}
                    scrape_configs:
                      - {job_name: many, static_configs: [{targets: ["%s"]}]}
                    """.formatted(target.address())));

            long[] largest = {0};
            Await.until("the byte cap to evict samples", EVICTION_TIMEOUT, () -> {
                HeadStats stats = relay.head().stats();
                largest[0] = Math.max(largest[0], stats.estimatedBytes());
                return stats.samplesEvicted() > 0 ? Optional.of(true) : Optional.empty();
            }, () -> "last seen: " + relay.head().stats());
            vertx.cancelTimer(changing);
            target.answer(answer(() -> 2));
            Await.until("/federate to serve the newest value of every series", EVICTION_TIMEOUT, () -> {
                largest[0] = Math.max(largest[0], relay.head().stats().estimatedBytes());
                String federated = relay.federate("memcap_load");
                return federated.lines().filter(l -> l.startsWith("memcap_load{") && l.contains("} 2 ")).count() == SERIES
                        ? Optional.of(true) : Optional.empty();
            }, () -> relay.federate("memcap_load"));

            assertTrue(largest[0] <= CAP, "the buffer's estimate reached " + largest[0] + " of the cap of " + CAP);
            assertEquals(CAP, relay.metric("promrelay_buffer_max_bytes", "").orElseThrow());
            assertTrue(relay.metric("promrelay_buffer_bytes", "").orElseThrow() <= CAP);
            assertTrue(relay.metric("promrelay_buffer_samples_evicted_total", "reason=\"bytes_limit\"").orElseThrow() > 0,
                    relay.metrics());
            assertTrue(relay.metric("promrelay_buffer_samples_rejected_total", "reason=\"bytes_limit\"").isPresent());
            String status = Http.getOk(relay.uri("/status"));
            assertTrue(status.contains("Evicted at the byte cap") && status.contains("of the cap of " + CAP), status);
        }
    }
}
