package io.promrelay.relabel;

import io.promrelay.config.RelabelConfig;
import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** A typical metric_relabel_configs chain applied to one scraped series, as the scrape loop does per sample. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RelabelBenchmark {
    private final Relabeler relabeler = Relabeler.compile(List.of(
        new RelabelConfig(List.of("__name__"), null, "go_gc_.*|process_.*", 0, null, null, Action.DROP),
        new RelabelConfig(null, null, "pod_template_hash|controller_revision_hash", 0, null, null, Action.LABELDROP),
        new RelabelConfig(List.of("instance"), null, "([^:]+):\\d+", 0, "host", "$1", Action.REPLACE)));
    private final Labels series = Labels.of("__name__", "http_requests_total", "code", "200", "method", "get",
        "instance", "10.1.2.3:9100", "job", "api", "pod_template_hash", "7d9f8c");
    private final Labels.Builder builder = new Labels.Builder();

    @Benchmark
    public boolean builderInPlace() {
        builder.reset();
        for (int i = 0; i < series.size(); i++) {
            builder.set(series.name(i), series.value(i));
        }
        return relabeler.process(builder);
    }

    @Benchmark
    public Labels labelsToLabels() {
        return relabeler.process(series);
    }
}
