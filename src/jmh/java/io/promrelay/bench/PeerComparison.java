package io.promrelay.bench;

import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.SharedFixtures;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the relay's jar and Prometheus side by side against the same fake exporters, at the same
 * interval, and compares what each costs (CPU, resident memory), what each ingests, and how each
 * serves /federate. Both are measured in the same run on the same machine, so the ratios hold even
 * where the absolute figures depend on the machine.
 *
 * <p>Build the jar first, then run with the test classpath:
 * <pre>
 * mvn -o -q -B -DskipTests package
 * mvn -o -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp-bench.txt -Dmdep.includeScope=test
 * mvn -o -q test-compile
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp-bench.txt) io.promrelay.bench.PeerComparison --duration=3m
 * </pre>
 * or, in one Maven call (the bench profile's exec:exec always runs JMH, so the plugin is named in full):
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.promrelay.bench.PeerComparison -Dexec.args="--duration=3m"
 * </pre>
 * The table is printed and written to {@code target/peer-comparison.txt}.
 */
public final class PeerComparison {
    private static final String SELECTOR = "{job=~\".+\"}";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
    private static final Path JAR = Path.of("target", "promrelay.jar");
    private static final Path REPORT = Path.of("target", "peer-comparison.txt");

    private final BenchOptions options;
    private final List<BenchPeer> started = new CopyOnWriteArrayList<>();

    private PeerComparison(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PeerComparison: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Optional<String> skip = reasonToSkip(options);
        if (skip.isPresent()) {
            System.out.println("PeerComparison skipped: " + skip.get());
            return;
        }
        if (!Files.isRegularFile(JAR)) {
            System.err.println("PeerComparison: " + JAR.toAbsolutePath() + " not found; build it first with "
                    + "mvn -o -q -B -DskipTests package");
            System.exit(1);
        }
        String table = new PeerComparison(options).run();
        System.out.print(table);
        Files.writeString(REPORT, table);
        System.out.println("written to " + REPORT.toAbsolutePath());
        System.exit(0);
    }

    private static Optional<String> reasonToSkip(BenchOptions options) {
        if (!PeerBinary.PROMETHEUS.isInstalled()) {
            return Optional.of("prometheus not installed (apt-get install prometheus)");
        }
        Optional<Path> fixtures = SharedFixtures.dir().map(d -> d.resolve("exposition"));
        if (fixtures.isEmpty()) {
            return Optional.of("shared/fixtures not found above " + System.getProperty("user.dir"));
        }
        return options.payloads().stream().map(fixtures.get()::resolve).filter(p -> !Files.isRegularFile(p))
                .findFirst().map(p -> p + " not found");
    }

    private String run() throws Exception {
        Path exposition = SharedFixtures.dir().orElseThrow().resolve("exposition");
        List<EvolvingExposition> payloads = new ArrayList<>();
        for (int i = 0; i < options.payloads().size(); i++) {
            payloads.add(EvolvingExposition.read(exposition.resolve(options.payloads().get(i)), i));
        }
        Path work = Files.createTempDirectory("peer-comparison");
        Thread stopPeers = new Thread(this::stopPeers, "peer-comparison-stop");
        Runtime.getRuntime().addShutdownHook(stopPeers);
        Vertx vertx = Vertx.vertx();
        boolean finished = false;
        // Half the scrape interval between payload changes, so every scrape sees a new variant despite jitter.
        try (FakeTargets targets = FakeTargets.start(vertx, payloads, options.targetsPerPayload(), options.interval().dividedBy(2))) {
            String scrapeConfigs = scrapeConfigs(payloads, targets);
            BenchPeer prometheus = track(BenchPeer.startPrometheus(work.resolve("prometheus"), scrapeConfigs));
            BenchPeer relay = track(BenchPeer.startRelay(JAR, options.relayJvmFlags(), work.resolve("promrelay"), scrapeConfigs));
            log("both scraping " + payloads.size() * options.targetsPerPayload() + " targets ("
                    + payloads.stream().mapToInt(EvolvingExposition::samples).sum() * options.targetsPerPayload()
                    + " samples per round) every " + options.interval().toSeconds() + "s; warming up for " + options.warmup());
            waitWatching(options.warmup(), relay, prometheus);
            WindowPoint relayStart = WindowPoint.of(relay);
            WindowPoint promStart = WindowPoint.of(prometheus);
            log("window open for " + options.duration());
            waitWatching(options.duration(), relay, prometheus);
            WindowPoint relayEnd = WindowPoint.of(relay);
            WindowPoint promEnd = WindowPoint.of(prometheus);
            log("window closed; probing /federate");
            String table = report(relay, prometheus, relayStart, relayEnd, promStart, promEnd);
            finished = true;
            return table;
        } finally {
            stopPeers();
            Runtime.getRuntime().removeShutdownHook(stopPeers);
            vertx.close().await(10, TimeUnit.SECONDS);
            if (finished) {
                deleteTree(work);
            } else {
                System.err.println("PeerComparison: logs and data kept in " + work);
            }
        }
    }

    private String report(BenchPeer relay, BenchPeer prometheus, WindowPoint relayStart, WindowPoint relayEnd,
                          WindowPoint promStart, WindowPoint promEnd) {
        FederateProbe probe = new FederateProbe(SELECTOR);
        int repeats = options.federateRepeats();
        FederateProbe.Result promPlain = probe.measure(prometheus.base(), false, repeats);
        FederateProbe.Result relayPlain = probe.measure(relay.base(), false, repeats);
        FederateProbe.Result promGzip = probe.measure(prometheus.base(), true, repeats);
        FederateProbe.Result relayGzip = probe.measure(relay.base(), true, repeats);
        ProcessUsage relayAfter = relay.usage();
        ProcessUsage promAfter = prometheus.usage();
        String relayPage = relay.metricsPage();
        String promPage = prometheus.metricsPage();

        double window = relayEnd.seconds(relayStart);
        double promWindow = promEnd.seconds(promStart);
        double relayCpu = relayEnd.usage().cpuSeconds() - relayStart.usage().cpuSeconds();
        double promCpu = promEnd.usage().cpuSeconds() - promStart.usage().cpuSeconds();
        double relaySamples = relayEnd.samples() - relayStart.samples();
        double promSamples = promEnd.samples() - promStart.samples();
        double chunkBytes = figure(relayPage, "promrelay_buffer_chunk_bytes");
        double heldSamples = figure(relayPage, "promrelay_buffer_samples");
        double mib = 1024.0 * 1024;

        ComparisonTable table = new ComparisonTable()
                .add("CPU used in window", "s", relayCpu, promCpu)
                .add("CPU, mean cores busy", "cores", relayCpu / window, promCpu / promWindow)
                .add("samples appended in window", "samples", relaySamples, promSamples)
                .add("ingest rate", "samp/s", relaySamples / window, promSamples / promWindow)
                .add("CPU per million samples", "s", relayCpu / relaySamples * 1e6, promCpu / promSamples * 1e6)
                .add("RSS at window end", "MiB", relayEnd.usage().rssBytes() / mib, promEnd.usage().rssBytes() / mib)
                .add("RSS after /federate probes", "MiB", relayAfter.rssBytes() / mib, promAfter.rssBytes() / mib)
                .add("series in buffer / head", "series", figure(relayPage, "promrelay_buffer_series"),
                        figure(promPage, "prometheus_tsdb_head_series"))
                .add("samples rejected (total)", "samples", figure(relayPage, "promrelay_buffer_samples_rejected_total"),
                        figure(promPage, "prometheus_target_scrapes_sample_out_of_order_total")
                                + figure(promPage, "prometheus_target_scrapes_sample_duplicate_timestamp_total")
                                + figure(promPage, "prometheus_target_scrapes_sample_out_of_bounds_total"))
                .add("targets up (federated up == 1)", "targets", relayPlain.targetsUp(), promPlain.targetsUp())
                .add("median scrape_duration_seconds", "ms", relayPlain.medianScrapeSeconds() * 1000,
                        promPlain.medianScrapeSeconds() * 1000)
                .add("federate series " + SELECTOR, "series", relayPlain.series(), promPlain.series())
                .add("federate latency, identity (median)", "ms", relayPlain.medianMillis(), promPlain.medianMillis())
                .add("federate bytes, identity", "bytes", relayPlain.medianWireBytes(), promPlain.medianWireBytes())
                .add("federate latency, gzip (median)", "ms", relayGzip.medianMillis(), promGzip.medianMillis())
                .add("federate bytes, gzip", "bytes", relayGzip.medianWireBytes(), promGzip.medianWireBytes())
                .addRelayOnly("relay chunk bytes", "bytes", chunkBytes)
                .addRelayOnly("relay samples held", "samples", heldSamples)
                .addRelayOnly("relay bytes per sample", "B/samp", chunkBytes / heldSamples);
        return header(window) + table.render();
    }

    private String header(double windowSeconds) {
        return String.format(Locale.ROOT, """
                promrelay vs Prometheus 2.42, same run, %s
                machine: %d CPUs; %d targets x %s, scrape interval %ss, warm-up %ss, window %.0fs
                relay: java %s -jar target/promrelay.jar; prometheus: --storage.tsdb.retention.time=2h
                /federate: match[]=%s, %d requests each, text format

                """, Instant.now(), Runtime.getRuntime().availableProcessors(), options.targetsPerPayload(),
                options.payloads(), options.interval().toSeconds(), options.warmup().toSeconds(), windowSeconds,
                String.join(" ", options.relayJvmFlags()), SELECTOR, options.federateRepeats());
    }

    private static double figure(String page, String metric) {
        return MetricsText.sum(page, metric).orElse(Double.NaN);
    }

    private String scrapeConfigs(List<EvolvingExposition> payloads, FakeTargets targets) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: %ds
                  scrape_timeout: %ds
                scrape_configs:
                """.formatted(options.interval().toSeconds(), options.interval().toSeconds()));
        for (EvolvingExposition payload : payloads) {
            yaml.append("  - job_name: ").append(payload.name().replaceAll("\\..*", "")).append('\n')
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(String.join("', '", targets.addresses(payload.name())))
                    .append("']\n");
        }
        return yaml.toString();
    }

    private BenchPeer track(BenchPeer peer) {
        started.add(peer);
        return peer;
    }

    /** Sleeps for {@code span}, failing early with the peer's log when either process dies. */
    private void waitWatching(Duration span, BenchPeer... peers) throws InterruptedException {
        long end = System.nanoTime() + span.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, PROGRESS_EVERY.toMillis()));
            StringBuilder progress = new StringBuilder();
            for (BenchPeer peer : peers) {
                if (ProcessHandle.of(peer.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    ProcessUsage usage = peer.usage();
                    progress.append(String.format("  %s: %.0f samples, %.1f CPU s, %d MiB RSS", peer.name(),
                            peer.samplesAppended(), usage.cpuSeconds(), usage.rssBytes() >> 20));
                } else {
                    throw new IllegalStateException(peer.name() + " (pid " + peer.pid() + ") died" + peer.describe());
                }
            }
            log(progress.toString().trim());
        }
    }

    private void stopPeers() {
        started.forEach(BenchPeer::close);
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** Where a peer stood at one moment: its CPU and memory, and the samples it had ingested. */
    private record WindowPoint(long nanos, ProcessUsage usage, double samples) {
        static WindowPoint of(BenchPeer peer) {
            return new WindowPoint(System.nanoTime(), peer.usage(), peer.samplesAppended());
        }

        double seconds(WindowPoint start) {
            return (nanos - start.nanos) / 1e9;
        }
    }
}
