package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Cleanup;
import io.promrelay.testing.HostileTarget;
import io.promrelay.testing.HostileTarget.Behaviour;
import io.promrelay.testing.Http;
import io.promrelay.testing.ScrapeClockTarget;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay scraping every second beside targets that hang, drip, flood, bomb and lie: each of them is down with
 * the reason in /api/v1/targets, the healthy targets keep their rhythm, the heap stays bounded and the relay
 * keeps answering. Targets run on Vert.x instances of their own, so their work never delays the relay's loops.
 */
@Timeout(90)
class HostileTargetsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration OBSERVATION = Duration.ofSeconds(15);
    private static final int HEALTHY_TARGETS = 3;
    private static final long BIG_BODY_LIMIT = 4L << 20;
    private static final int SAMPLE_LIMIT = 10_000;
    private static final int LABEL_LIMIT = 64;
    private static final int LABEL_VALUE_LENGTH_LIMIT = 1024;
    /** The bound the README promises for a job without body_size_limit. */
    private static final long DEFAULT_BODY_LIMIT = 64L << 20;

    /** What each hostile target is expected to fail with (as Prometheus words it, where it has wording). */
    private static final Map<Behaviour, String> EXPECTED_ERRORS = expectedErrors();

    @TempDir
    Path dir;

    private static Map<Behaviour, String> expectedErrors() {
        Map<Behaviour, String> errors = new LinkedHashMap<>();
        errors.put(Behaviour.SILENT, "context deadline exceeded");
        errors.put(Behaviour.DRIP, "context deadline exceeded");
        errors.put(Behaviour.BIG_BODY, "body size limit exceeded");
        errors.put(Behaviour.GZIP_BOMB, "body size limit exceeded");
        errors.put(Behaviour.MILLION_SERIES, "sample limit exceeded");
        errors.put(Behaviour.INVALID_UTF8_LABEL_VALUE, "invalid UTF-8 label value");
        errors.put(Behaviour.INVALID_UTF8_METRIC_NAME, "unsupported character in float");
        errors.put(Behaviour.HUGE_LABEL_VALUE, "label_value_length_limit exceeded");
        errors.put(Behaviour.MANY_LABELS, "label_limit exceeded");
        return errors;
    }

    @Test
    void hostileTargetsAreDownWithTheirReasonWhileHealthyTargetsKeepTheirSchedule() throws Exception {
        try (Cleanup cleanup = new Cleanup()) {
            Vertx targetsVertx = vertx(cleanup);
            Vertx healthyVertx = vertx(cleanup);
            HostileTarget hostile = cleanup.add(HostileTarget.start(targetsVertx));
            List<ScrapeClockTarget> healthy = new ArrayList<>();
            for (int i = 0; i < HEALTHY_TARGETS; i++) {
                healthy.add(cleanup.add(ScrapeClockTarget.start(healthyVertx)));
            }
            long heapBefore = usedHeapAfterGc();
            StartedRelay relay = cleanup.add(StartedRelay.start(vertx(cleanup), dir, config(hostile, healthy)));
            long started = System.nanoTime();

            for (Map.Entry<Behaviour, String> expected : EXPECTED_ERRORS.entrySet()) {
                JsonObject target = relay.awaitTarget(job(expected.getKey()), "down with " + expected.getValue(),
                        t -> "down".equals(t.getString("health")) && t.getString("lastError").contains(expected.getValue()));
                System.out.println("hostile " + expected.getKey() + ": " + target.getString("lastError"));
            }
            // As in Prometheus 2.42, a series sent twice drops its later sample but fails nothing.
            relay.awaitTarget(job(Behaviour.DUPLICATE_SERIES), "up", t -> "up".equals(t.getString("health")));
            relay.awaitAllUp("healthy", Duration.ofSeconds(5));
            sleepUntil(started + OBSERVATION.toNanos());

            List<Duration> gaps = healthy.stream().flatMap(t -> t.gaps().stream()).toList();
            Jitter jitter = Jitter.of(gaps, INTERVAL);
            System.out.println("healthy targets under hostile load: " + jitter);
            long heapGrowth = usedHeapAfterGc() - heapBefore;
            System.out.printf(Locale.ROOT, "heap used after GC grew by %.1f MiB (bound %.1f MiB)%n",
                    heapGrowth / 1048576.0, HEAP_GROWTH_BOUND / 1048576.0);

            assertAll(
                    () -> assertAll(EXPECTED_ERRORS.entrySet().stream().map(e -> () -> assertEquals("down",
                            relay.target(job(e.getKey())).orElseThrow().getString("health"), e.getKey() + " stays down"))),
                    () -> assertTrue(relay.metric("promrelay_buffer_samples_rejected_total", "duplicate_timestamp")
                            .orElse(0) > 0, "the dropped duplicate is counted"),
                    () -> assertTrue(jitter.maxGap().compareTo(INTERVAL.multipliedBy(3)) < 0,
                            "a healthy target waited " + jitter.maxGap().toMillis() + " ms between scrapes"),
                    () -> assertTrue(healthy.stream().allMatch(t -> t.scrapes() >= OBSERVATION.toSeconds() / 2),
                            "every healthy target is scraped; scrapes seen: "
                                    + healthy.stream().map(ScrapeClockTarget::scrapes).toList()),
                    () -> assertTrue(heapGrowth < HEAP_GROWTH_BOUND,
                            "heap used after GC grew by " + heapGrowth + " bytes"),
                    () -> assertEquals(200, Http.get(relay.uri("/-/ready")).status()),
                    () -> assertTrue(relay.federate("{job=\"healthy\"}").contains("clock_target_scrapes_total{"),
                            "/federate serves the healthy targets' series"));
        }
    }

    /**
     * What the relay may hold after a GC while every hostile target is being scraped: the bodies that can be in
     * flight at once (the big body's limit, the default limit for the gzip bomb and the million series, each twice
     * for the collector's last growth step), plus 64 MiB for what is kept: the healthy series, every target's
     * report series, and sample_limit series and cache entries for the million-series target.
     */
    private static final long HEAP_GROWTH_BOUND = 2 * (BIG_BODY_LIMIT + 2 * DEFAULT_BODY_LIMIT) + (64L << 20);

    private static String config(HostileTarget hostile, List<ScrapeClockTarget> healthy) {
        StringBuilder yaml = new StringBuilder("""
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 10m
                global: {scrape_interval: 1s, scrape_timeout: 800ms}
                scrape_configs:
                """);
        for (Behaviour behaviour : Behaviour.values()) {
            yaml.append("- job_name: ").append(job(behaviour)).append('\n')
                    .append("  metrics_path: ").append(behaviour.path()).append('\n')
                    .append("  static_configs: [{targets: ['").append(hostile.address(behaviour)).append("']}]\n")
                    .append(limits(behaviour));
        }
        yaml.append("- job_name: healthy\n  static_configs: [{targets: [")
                .append(healthy.stream().map(t -> "'" + t.address() + "'").collect(Collectors.joining(", ")))
                .append("]}]\n");
        return yaml.toString();
    }

    /** A target that sends tens of megabytes gets more time, so its failure is the limit, not the deadline. */
    private static final String SLOW_TARGET = "  scrape_interval: 5s\n  scrape_timeout: 5s\n";

    /**
     * The limits a careful operator sets on such a target; the gzip bomb and the million series meet the relay's
     * default body bound.
     */
    private static String limits(Behaviour behaviour) {
        return switch (behaviour) {
            case BIG_BODY -> "  body_size_limit: " + (BIG_BODY_LIMIT >> 20) + "MiB\n";
            case GZIP_BOMB -> SLOW_TARGET;
            case MILLION_SERIES -> "  sample_limit: " + SAMPLE_LIMIT + "\n" + SLOW_TARGET;
            case MANY_LABELS -> "  label_limit: " + LABEL_LIMIT + "\n";
            case HUGE_LABEL_VALUE -> "  label_value_length_limit: " + LABEL_VALUE_LENGTH_LIMIT + "\n";
            default -> "";
        };
    }

    private static String job(Behaviour behaviour) {
        return "hostile_" + behaviour.name().toLowerCase(Locale.ROOT);
    }

    /** A Vert.x instance of its own, closed with the rest. */
    private static Vertx vertx(Cleanup cleanup) {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        return vertx;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left).toMillis());
        }
    }

    /** How far the gaps between a target's scrapes strayed from the interval. */
    record Jitter(int gaps, Duration maxGap, Duration maxDeviation, Duration p99Deviation) {
        static Jitter of(List<Duration> gaps, Duration interval) {
            Function<Duration, Duration> deviation = gap -> gap.minus(interval).abs();
            List<Duration> deviations = gaps.stream().map(deviation).sorted().toList();
            Duration p99 = deviations.isEmpty() ? Duration.ZERO
                    : deviations.get(Math.min(deviations.size() - 1, (int) Math.ceil(deviations.size() * 0.99) - 1));
            return new Jitter(gaps.size(), gaps.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO),
                    deviations.isEmpty() ? Duration.ZERO : deviations.get(deviations.size() - 1), p99);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d intervals of %s, longest gap %d ms, deviation max %d ms, p99 %d ms",
                    gaps, "1s", maxGap.toMillis(), maxDeviation.toMillis(), p99Deviation.toMillis());
        }
    }
}
