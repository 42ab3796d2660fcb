package io.promrelay.bench;

import io.promrelay.config.PrometheusDuration;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The comparison's knobs, from {@code --name=value} arguments. */
record BenchOptions(Duration duration, Duration warmup, Duration interval, int targetsPerPayload,
                    List<String> payloads, int federateRepeats, List<String> relayJvmFlags) {
    static final String USAGE = """
            usage: PeerComparison [--name=value ...]
              --duration=3m            measured window, after the warm-up (Prometheus duration syntax)
              --warmup=30s             scraping before the window opens (series creation, JIT)
              --interval=5s            scrape interval of both processes
              --targets=20             targets per payload
              --payloads=kubelet_cadvisor.prom,node_exporter.prom   files of shared/fixtures/exposition
              --federate-repeats=5     /federate requests per process and encoding; the median is reported
              --relay-jvm="-Xms256m -Xmx1g -XX:+UseG1GC"            JVM flags of the relay process
            """;
    private static final Map<String, String> DEFAULTS = Map.of(
            "duration", "3m",
            "warmup", "30s",
            "interval", "5s",
            "targets", "20",
            "payloads", "kubelet_cadvisor.prom,node_exporter.prom",
            "federate-repeats", "5",
            "relay-jvm", "-Xms256m -Xmx1g -XX:+UseG1GC");

    static BenchOptions parse(String[] args) {
        Map<String, String> given = new LinkedHashMap<>(DEFAULTS);
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --name=value, got \"" + arg + "\"");
            }
            String name = arg.substring(2, eq);
            if (!DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            given.put(name, arg.substring(eq + 1));
        }
        return new BenchOptions(
                positiveDuration(given, "duration"),
                PrometheusDuration.parse(given.get("warmup")),
                positiveDuration(given, "interval"),
                positiveCount(given, "targets"),
                words(given.get("payloads"), ","),
                positiveCount(given, "federate-repeats"),
                words(given.get("relay-jvm"), "\\s+"));
    }

    private static Duration positiveDuration(Map<String, String> given, String name) {
        Duration d = PrometheusDuration.parse(given.get(name));
        if (d.isZero()) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return d;
    }

    private static int positiveCount(Map<String, String> given, String name) {
        String value = given.get(name);
        if (!value.matches("[1-9][0-9]{0,5}")) {
            throw new IllegalArgumentException("--" + name + " must be a positive whole number, got \"" + value + "\"");
        }
        return Integer.parseInt(value);
    }

    private static List<String> words(String value, String separator) {
        return Arrays.stream(value.trim().split(separator)).filter(s -> !s.isEmpty()).toList();
    }
}
