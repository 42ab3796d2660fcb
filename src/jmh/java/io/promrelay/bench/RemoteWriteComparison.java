package io.promrelay.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end remote-write throughput: the relay's jar, the Prometheus agent and (when installed) vmagent
 * each scrape the same fake exporters at the same interval and remote-write to a receiver of their own, a
 * {@link CountingReceiver} in this JVM, so no sender waits on another's receiver. Each sender runs with its
 * default queue settings. Over one window it reports the samples each receiver got, the CPU the sender used
 * for scraping and sending them (from /proc), and its resident memory, as ratios relay / peer; all are
 * measured in the same run on the same machine.
 *
 * <p>Build the jar first, then run it with the bench profile (about four minutes with the defaults):
 * <pre>
 * mvn -o -q -B -DskipTests package
 * mvn -o -q -Pbench test-compile exec:exec -Dbench.main=io.promrelay.bench.RemoteWriteComparison -Dbench.args=--duration=3m
 * </pre>
 * The table is printed and written to {@code target/remote-write-comparison.txt}.
 */
public final class RemoteWriteComparison {
    private static final String PROGRAM = "RemoteWriteComparison";
    private static final Path REPORT = Path.of("target", "remote-write-comparison.txt");

    private final BenchOptions options;

    private RemoteWriteComparison(BenchOptions options) {
        this.options = options;
    }

    /** One sender under comparison and the receiver that counts what it delivers. */
    private record Sender(BenchPeer peer, CountingReceiver receiver) {
        Point now() {
            return new Point(WindowPoint.of(peer, receiver.samples()), receiver.requests(), receiver.bytes());
        }
    }

    /** A sender's state at one moment, with its receiver's request and byte counts. */
    private record Point(WindowPoint at, long requests, long bytes) {
    }

    public static void main(String[] args) throws Exception {
        ComparisonMain.run(PROGRAM, args, REPORT, (options, jar) -> new RemoteWriteComparison(options).run(jar));
    }

    private String run(Path jar) throws Exception {
        List<EvolvingExposition> payloads = options.readPayloads();
        Vertx vertx = Vertx.vertx();
        List<CountingReceiver> receivers = new ArrayList<>();
        // Half the scrape interval between payload changes, so every scrape sees a new variant despite jitter.
        try (PeerRun run = PeerRun.create("remote-write-comparison");
             FakeTargets targets = FakeTargets.start(vertx, payloads, options.targetsPerPayload(), options.interval().dividedBy(2))) {
            String scrape = targets.scrapeConfigYaml(options.interval());
            List<Sender> senders = new ArrayList<>();
            CountingReceiver toRelay = receiver(vertx, receivers);
            senders.add(new Sender(run.track(BenchPeer.startRelay(jar, options.relayJvmFlags(), run.dir("promrelay"),
                    scrape + remoteWrite(toRelay))), toRelay));
            CountingReceiver toAgent = receiver(vertx, receivers);
            senders.add(new Sender(run.track(BenchPeer.startPrometheusAgent(run.dir("prom-agent"),
                    scrape + remoteWrite(toAgent))), toAgent));
            if (BenchPeer.VMAGENT.isInstalled()) {
                CountingReceiver toVmagent = receiver(vertx, receivers);
                senders.add(new Sender(run.track(BenchPeer.startVmagent(run.dir("vmagent"), scrape, toVmagent.url())),
                        toVmagent));
            } else {
                PeerRun.log("vmagent not installed (apt-get install victoria-metrics): comparing with the Prometheus agent only");
            }
            PeerRun.log(senders.size() + " senders scraping " + payloads.size() * options.targetsPerPayload()
                    + " targets (" + payloads.stream().mapToInt(EvolvingExposition::samples).sum() * options.targetsPerPayload()
                    + " samples per round) every " + options.interval().toSeconds() + "s; warming up for " + options.warmup());
            run.waitWatching(options.warmup(), "samples delivered", peer -> delivered(senders, peer));
            List<Point> start = senders.stream().map(Sender::now).toList();
            PeerRun.log("window open for " + options.duration());
            run.waitWatching(options.duration(), "samples delivered", peer -> delivered(senders, peer));
            List<Point> end = senders.stream().map(Sender::now).toList();
            String table = report(senders, start, end);
            run.finished();
            return table;
        } finally {
            receivers.forEach(CountingReceiver::close);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static CountingReceiver receiver(Vertx vertx, List<CountingReceiver> receivers) {
        CountingReceiver receiver = CountingReceiver.start(vertx);
        receivers.add(receiver);
        return receiver;
    }

    private static String remoteWrite(CountingReceiver receiver) {
        return "remote_write:\n  - url: " + receiver.url() + "\n";
    }

    private static double delivered(List<Sender> senders, BenchPeer peer) {
        return senders.stream().filter(s -> s.peer() == peer).findFirst().orElseThrow().receiver().samples();
    }

    private String report(List<Sender> senders, List<Point> start, List<Point> end) {
        int n = senders.size();
        double[] window = new double[n];
        double[] cpu = new double[n];
        double[] samples = new double[n];
        double[] requests = new double[n];
        double[] bytes = new double[n];
        double[] rss = new double[n];
        double[] undecodable = new double[n];
        for (int i = 0; i < n; i++) {
            WindowPoint from = start.get(i).at();
            WindowPoint to = end.get(i).at();
            window[i] = to.seconds(from);
            cpu[i] = to.cpuSeconds(from);
            samples[i] = to.samples(from);
            requests[i] = end.get(i).requests() - start.get(i).requests();
            bytes[i] = end.get(i).bytes() - start.get(i).bytes();
            rss[i] = to.usage().rssBytes() / (1024.0 * 1024);
            undecodable[i] = senders.get(i).receiver().undecodable();
        }
        ComparisonTable table = new ComparisonTable(senders.stream().skip(1).map(s -> s.peer().name()).toArray(String[]::new));
        row(table, "samples delivered in window", "samples", samples);
        row(table, "delivery rate", "samp/s", divide(samples, window));
        row(table, "CPU used in window", "s", cpu);
        row(table, "CPU, mean cores busy", "cores", divide(cpu, window));
        row(table, "samples delivered per CPU-second", "samp/s", divide(samples, cpu));
        row(table, "RSS at window end", "MiB", rss);
        row(table, "requests in window", "requests", requests);
        row(table, "samples per request", "samples", divide(samples, requests));
        row(table, "wire bytes per sample (snappy)", "B/samp", divide(bytes, samples));
        row(table, "undecodable requests (whole run)", "requests", undecodable);
        return header(senders, window[0]) + table.render();
    }

    private static void row(ComparisonTable table, String figure, String unit, double[] values) {
        double[] peers = new double[values.length - 1];
        System.arraycopy(values, 1, peers, 0, peers.length);
        table.add(figure, unit, values[0], peers);
    }

    private static double[] divide(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / b[i];
        }
        return out;
    }

    private String header(List<Sender> senders, double windowSeconds) {
        return String.format(Locale.ROOT, """
                remote write end to end: %s, same run, %s
                machine: %d CPUs; %d targets x %s, scrape interval %ss, warm-up %ss, window %.0fs
                relay: java %s -jar target/promrelay.jar; prom-agent: prometheus --enable-feature=agent;
                vmagent: Debian victoria-metrics; each with default queue settings, one counting receiver each

                """, senders.stream().map(s -> s.peer().name()).toList(), Instant.now(),
                Runtime.getRuntime().availableProcessors(), options.targetsPerPayload(), options.payloads(),
                options.interval().toSeconds(), options.warmup().toSeconds(), windowSeconds,
                String.join(" ", options.relayJvmFlags()));
    }
}
