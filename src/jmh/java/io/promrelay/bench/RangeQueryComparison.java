package io.promrelay.bench;

import io.promrelay.Relay;
import io.promrelay.config.ConfigLoader;
import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import io.promrelay.testing.Http;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.PrometheusServer;
import io.promrelay.testing.RemoteWriteBodies;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A range query over one hour of 10,000 series on the relay and on Prometheus 2.42 holding the same samples,
 * timed from the client (request to last byte of the JSON answer), median of several runs after warm-up runs.
 * Both are filled in seconds by remote write: the same requests, one per 15 s step of the hour in time order,
 * go to the relay's /api/v1/write and to Prometheus's remote-write receiver.
 *
 * <pre>
 * mvn -o -q test-compile org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.promrelay.bench.RangeQueryComparison -Dexec.args="--series=10000 --repeats=7"
 * </pre>
 * The relay runs in this JVM (default heap); the table is printed and written to
 * {@code target/range-query-comparison.txt}.
 */
public final class RangeQueryComparison {
    private static final long STEP_MILLIS = 15_000;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final int PATHS = 10;
    private static final int WARMUP_RUNS = 3;
    private static final Path REPORT = Path.of("target", "range-query-comparison.txt");
    private static final String[] REMOTE_WRITE_HEADERS = {"Content-Type", "application/x-protobuf",
            "Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", "0.1.0"};
    private static final List<String> QUERIES = List.of(
            "sum by (path) (rate(bench_requests_total[5m]))",
            "rate(bench_requests_total[5m])",
            "topk(5, sum by (instance) (increase(bench_requests_total[10m])))");

    private RangeQueryComparison() {
    }

    public static void main(String[] args) throws Exception {
        int series = intOption(args, "series", 10_000);
        int repeats = intOption(args, "repeats", 7);
        if (!PeerBinary.PROMETHEUS.isInstalled()) {
            System.out.println("RangeQueryComparison skipped: prometheus not installed (apt-get install prometheus)");
            return;
        }
        Path work = Files.createTempDirectory("range-query-comparison");
        Vertx vertx = Vertx.vertx();
        Relay relay = null;
        try (PrometheusServer prometheus = PrometheusServer.startReceiver(work.resolve("prometheus"), PeerProcess.freePort())) {
            String yaml = "promrelay: {listen_address: \"127.0.0.1:0\", retention: 2h, max_active_series: 2000000}\n";
            relay = Relay.start(vertx, ConfigLoader.parse(yaml, TestFiles.write(work.resolve("promrelay.yml"), yaml)))
                    .await(30, TimeUnit.SECONDS);
            URI relayBase = URI.create("http://127.0.0.1:" + relay.httpPort());
            URI promBase = URI.create("http://" + prometheus.address());
            long end = System.currentTimeMillis() / STEP_MILLIS * STEP_MILLIS;
            long start = end - HOUR_MILLIS + STEP_MILLIS;
            long began = System.nanoTime();
            for (long t = start; t <= end; t += STEP_MILLIS) {
                byte[] body = RemoteWriteBodies.body(slice(series, t, (t - start) / STEP_MILLIS));
                write(relayBase, body);
                write(promBase, body);
            }
            log(String.format(Locale.ROOT, "wrote %d series x %d samples to both in %.1fs", series,
                    HOUR_MILLIS / STEP_MILLIS, (System.nanoTime() - began) / 1e9));
            ComparisonTable table = new ComparisonTable();
            for (String query : QUERIES) {
                String params = "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&start=" + start / 1000
                        + "&end=" + end / 1000 + "&step=15";
                double relayMillis = medianMillis(relayBase.resolve("/api/v1/query_range?" + params), repeats);
                double promMillis = medianMillis(promBase.resolve("/api/v1/query_range?" + params), repeats);
                table.add(query, "ms", relayMillis, promMillis);
            }
            String report = "range query over 1h at 15s steps, " + series + " series, median of " + repeats
                    + " runs after " + WARMUP_RUNS + " warm-up runs\n" + table.render();
            System.out.print(report);
            Files.writeString(REPORT, report);
        } finally {
            if (relay != null) {
                relay.close().await(10, TimeUnit.SECONDS);
            }
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    /** All series' samples at time {@code t}: counters growing by a per-series amount each step. */
    private static WriteRequest slice(int series, long t, long stepIndex) {
        TimeSeries.Builder[] all = new TimeSeries.Builder[series];
        for (int i = 0; i < series; i++) {
            all[i] = RemoteWriteBodies.series("__name__", "bench_requests_total", "instance",
                            String.format(Locale.ROOT, "host-%05d", i / PATHS), "job", "bench", "path", "/p" + i % PATHS)
                    .addSamples(RemoteWriteBodies.sample(t, stepIndex * (1 + i % 7) + (stepIndex * i) % 3));
        }
        return RemoteWriteBodies.request(all);
    }

    private static void write(URI base, byte[] body) {
        Http.Response response = Http.post(base.resolve("/api/v1/write"), body, REMOTE_WRITE_HEADERS);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(base + " refused a remote write: " + response.status() + " " + response.body());
        }
    }

    private static double medianMillis(URI query, int repeats) {
        for (int i = 0; i < WARMUP_RUNS; i++) {
            timeMillis(query);
        }
        double[] runs = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            runs[i] = timeMillis(query);
        }
        Arrays.sort(runs);
        return runs[repeats / 2];
    }

    private static double timeMillis(URI query) {
        long began = System.nanoTime();
        Http.Response response = Http.get(query);
        double millis = (System.nanoTime() - began) / 1e6;
        if (response.status() != 200 || !"success".equals(new JsonObject(response.body()).getString("status"))) {
            throw new IllegalStateException(query + " answered " + response.status() + ": " + response.body());
        }
        return millis;
    }

    private static int intOption(String[] args, String name, int fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return fallback;
    }

    private static void log(String message) {
        System.out.println("[range-query-comparison] " + message);
    }
}
