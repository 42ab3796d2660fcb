package io.promrelay.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs the relay's jar and Prometheus side by side against the same fake exporters, at the same
 * interval, and compares what each costs (CPU, resident memory), what each ingests, and how each
 * serves /federate. Both are measured in the same run on the same machine, so the ratios hold even
 * where the absolute figures depend on the machine.
 *
 * <p>Build the jar first, then run it with the bench profile:
 * <pre>
 * mvn -o -q -B -DskipTests package
 * mvn -o -q -Pbench test-compile exec:exec -Dbench.main=io.promrelay.bench.PeerComparison -Dbench.args=--duration=3m
 * </pre>
 * The table is printed and written to {@code target/peer-comparison.txt}.
 */
public final class PeerComparison {
    private static final String SELECTOR = "{job=~\".+\"}";
    private static final Path REPORT = Path.of("target", "peer-comparison.txt");

    private final BenchOptions options;

    private PeerComparison(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        ComparisonMain.run("PeerComparison", args, REPORT, (options, jar) -> new PeerComparison(options).run(jar));
    }

    private String run(Path jar) throws Exception {
        List<EvolvingExposition> payloads = options.readPayloads();
        Vertx vertx = Vertx.vertx();
        // Half the scrape interval between payload changes, so every scrape sees a new variant despite jitter.
        try (PeerRun run = PeerRun.create("peer-comparison");
             FakeTargets targets = FakeTargets.start(vertx, payloads, options.targetsPerPayload(), options.interval().dividedBy(2))) {
            String scrapeConfigs = targets.scrapeConfigYaml(options.interval());
            BenchPeer prometheus = run.track(BenchPeer.startPrometheus(run.dir("prometheus"), scrapeConfigs));
            BenchPeer relay = run.track(BenchPeer.startRelay(jar, options.relayJvmFlags(), run.dir("promrelay"), scrapeConfigs));
            PeerRun.log("both scraping " + payloads.size() * options.targetsPerPayload() + " targets ("
                    + payloads.stream().mapToInt(EvolvingExposition::samples).sum() * options.targetsPerPayload()
                    + " samples per round) every " + options.interval().toSeconds() + "s; warming up for " + options.warmup());
            run.waitWatching(options.warmup(), "samples", BenchPeer::samplesAppended);
            WindowPoint relayStart = WindowPoint.of(relay, relay.samplesAppended());
            WindowPoint promStart = WindowPoint.of(prometheus, prometheus.samplesAppended());
            PeerRun.log("window open for " + options.duration());
            run.waitWatching(options.duration(), "samples", BenchPeer::samplesAppended);
            WindowPoint relayEnd = WindowPoint.of(relay, relay.samplesAppended());
            WindowPoint promEnd = WindowPoint.of(prometheus, prometheus.samplesAppended());
            PeerRun.log("window closed; probing /federate");
            String table = report(relay, prometheus, relayStart, relayEnd, promStart, promEnd);
            run.finished();
            return table;
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
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
        double relayCpu = relayEnd.cpuSeconds(relayStart);
        double promCpu = promEnd.cpuSeconds(promStart);
        double relaySamples = relayEnd.samples(relayStart);
        double promSamples = promEnd.samples(promStart);
        double chunkBytes = figure(relayPage, "promrelay_buffer_chunk_bytes");
        double heldSamples = figure(relayPage, "promrelay_buffer_samples");
        double mib = 1024.0 * 1024;

        ComparisonTable table = new ComparisonTable("prometheus")
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
}
