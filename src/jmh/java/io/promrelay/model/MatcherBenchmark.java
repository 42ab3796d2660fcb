package io.promrelay.model;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code =~} matcher against the label values a /federate or query walk meets: the regex shapes of real
 * match[] parameters and relabel rules (prefix, alternation of patterns, class with repeat, capture for
 * replacement). The regex engine's cost per value is what a hostile-proof engine may add to the hot path.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatcherBenchmark {
    private static final String[] VALUES = {"node_cpu_seconds_total", "node_memory_MemAvailable_bytes",
        "go_gc_duration_seconds", "http_requests_total", "kube-apiserver-7d9f8c5b6-x2x7q", "10.1.2.3:9100",
        "container_fs_writes_bytes_total", "process_resident_memory_bytes"};

    @Param({"node_.*", "node_(cpu|memory)_.*|go_gc_.*", "kube-[a-z]+-[0-9a-f]{9}-.+", "([^:]+):\\d+"})
    public String regex;

    private Matcher matcher;
    private int next;

    @org.openjdk.jmh.annotations.Setup
    public void compile() {
        matcher = Matcher.of(Matcher.Type.REGEX, "__name__", regex);
    }

    @Benchmark
    public boolean matchOneValue() {
        next = (next + 1) % VALUES.length;
        return matcher.matches(VALUES[next]);
    }
}
