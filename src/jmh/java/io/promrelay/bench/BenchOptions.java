package io.promrelay.bench;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The knobs of the peer comparisons, from {@code --name=value} arguments. */
record BenchOptions(Duration duration, Duration warmup, Duration interval, int targetsPerPayload,
                    List<String> payloads, int federateRepeats, List<String> relayJvmFlags) {
    private static final String USAGE = """
            usage: %s [--name=value ...]
              --duration=3m            measured window, after the warm-up (Prometheus duration syntax)
              --warmup=30s             scraping before the window opens (series creation, JIT)
              --interval=5s            scrape interval of every process
              --targets=20             targets per payload
              --payloads=kubelet_cadvisor.prom,node_exporter.prom   files of shared/fixtures/exposition
              --federate-repeats=5     PeerComparison: /federate requests per process and encoding (median reported)
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

    static String usage(String program) {
        return USAGE.formatted(program);
    }

    /**
     * The options, or exits with the usage on bad arguments; exits with status 0 saying why when a payload file or
     * the shared fixtures folder is missing, as a test skips.
     */
    static BenchOptions parseOrExit(String program, String[] args) {
        BenchOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(program + ": " + e.getMessage());
            System.err.print(usage(program));
            System.exit(2);
            return null;
        }
        Optional<String> missing = options.missingPayload();
        if (missing.isPresent()) {
            System.out.println(program + " skipped: " + missing.get());
            System.exit(0);
        }
        return options;
    }

    private Optional<String> missingPayload() {
        Optional<Path> fixtures = exposition();
        if (fixtures.isEmpty()) {
            return Optional.of("shared/fixtures not found above " + System.getProperty("user.dir"));
        }
        return payloads.stream().map(fixtures.get()::resolve).filter(p -> !Files.isRegularFile(p))
                .findFirst().map(p -> p + " not found");
    }

    /** The payloads, each with its own seed so they evolve differently. */
    List<EvolvingExposition> readPayloads() {
        Path exposition = exposition().orElseThrow();
        List<EvolvingExposition> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            out.add(EvolvingExposition.read(exposition.resolve(payloads.get(i)), i));
        }
        return out;
    }

    private static Optional<Path> exposition() {
        return SharedFixtures.dir().map(d -> d.resolve("exposition"));
    }

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
