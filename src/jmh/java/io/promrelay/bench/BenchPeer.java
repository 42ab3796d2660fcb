package io.promrelay.bench;

import io.promrelay.testing.Http;
import io.promrelay.testing.PeerBinary;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.TestFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One scraper under comparison, run as a child process on 127.0.0.1: its process id (for /proc), its
 * HTTP base address, and the name of the counter in its own /metrics that counts ingested samples.
 */
record BenchPeer(String name, PeerProcess process, long pid, URI base, String samplesMetric) implements AutoCloseable {
    /** The Java on PATH runs the relay jar, like {@code java -jar} in its Dockerfile. */
    private static final PeerBinary JAVA = new PeerBinary("java", "openjdk-17-jre-headless");

    /** Starts the relay's jar with {@code jvmFlags}; {@code configYaml} gets the relay's listen address prepended. */
    static BenchPeer startRelay(Path jar, List<String> jvmFlags, Path dir, String configYaml) {
        int port = PeerProcess.freePort();
        Path config = TestFiles.write(dir.resolve("promrelay.yml"), """
                promrelay:
                  listen_address: 127.0.0.1:%d
                  retention: 2h
                  max_active_series: 2000000
                  max_scrape_concurrency: 4
                """.formatted(port) + configYaml);
        List<String> args = new ArrayList<>(jvmFlags);
        args.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--config.file=" + config));
        URI base = URI.create("http://127.0.0.1:" + port);
        return startTracked("promrelay", base, "promrelay_buffer_samples_appended_total",
                () -> PeerProcess.start(JAVA, args, dir, base.resolve("/-/ready")));
    }

    /** Starts Prometheus with a fresh TSDB in {@code dir}, keeping 2h of data like the relay's buffer. */
    static BenchPeer startPrometheus(Path dir, String configYaml) {
        int port = PeerProcess.freePort();
        Path config = TestFiles.write(dir.resolve("prometheus.yml"), configYaml);
        List<String> args = List.of(
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--storage.tsdb.retention.time=2h",
                "--web.listen-address=127.0.0.1:" + port);
        URI base = URI.create("http://127.0.0.1:" + port);
        return startTracked("prometheus", base, "prometheus_tsdb_head_samples_appended_total",
                () -> PeerProcess.start(PeerBinary.PROMETHEUS, args, dir, base.resolve("/-/ready")));
    }

    /** Runs {@code start} and finds the process it forked: the one child of this JVM that was not there before. */
    private static BenchPeer startTracked(String name, URI base, String samplesMetric, Supplier<PeerProcess> start) {
        Set<Long> before = childPids();
        PeerProcess process = start.get();
        Set<Long> started = childPids();
        started.removeAll(before);
        if (started.size() != 1) {
            process.close();
            throw new IllegalStateException("cannot tell " + name + "'s process among new children " + started);
        }
        return new BenchPeer(name, process, started.iterator().next(), base, samplesMetric);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    ProcessUsage usage() {
        return ProcessUsage.of(pid);
    }

    String metricsPage() {
        return Http.getOk(base.resolve("/metrics"));
    }

    double samplesAppended() {
        return MetricsText.sum(metricsPage(), samplesMetric).orElseThrow(() ->
                new IllegalStateException(name + "'s /metrics has no " + samplesMetric + describe()));
    }

    String describe() {
        return process.describe();
    }

    @Override
    public void close() {
        process.close();
    }
}
