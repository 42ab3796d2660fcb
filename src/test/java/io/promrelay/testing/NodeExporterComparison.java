package io.promrelay.testing;

import io.promrelay.model.Labels;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Compares what node-exporter exposed with what arrived at the other end of a pipeline through a real
 * Prometheus: the exposed samples as a scrape labels them, subsets of them, and counters read in between.
 */
public final class NodeExporterComparison {
    private NodeExporterComparison() {
    }

    /** node-exporter started for a comparison, what it exposed before anything read from it, and a Vert.x. */
    public record Started(NodeExporter nodeExporter, Map<Labels, Double> firstRead, Vertx vertx) {
    }

    /**
     * Starts node-exporter in {@code dir}/node-exporter serving {@code textfile}, reads it once, then creates
     * a Vert.x; {@code cleanup} closes both.
     */
    public static Started start(Cleanup cleanup, Path dir, String textfile) {
        NodeExporter nodeExporter = cleanup.add(NodeExporter.start(dir.resolve("node-exporter"), textfile));
        Map<Labels, Double> firstRead = ExpositionSamples.parse(nodeExporter.scrape());
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        return new Started(nodeExporter, firstRead, vertx);
    }

    /** {@code exposed} with the {@code job} and {@code instance} labels a scrape of node-exporter adds. */
    public static Map<Labels, Double> withTargetLabels(Map<Labels, Double> exposed, String job, String instance) {
        Map<Labels, Double> labelled = new TreeMap<>();
        exposed.forEach((labels, value) -> labelled.put(labels.toBuilder()
                .set("job", job)
                .set("instance", instance)
                .build(), value));
        return labelled;
    }

    /** The samples whose labels {@code keep} accepts. */
    public static Map<Labels, Double> only(Map<Labels, Double> samples, Predicate<Labels> keep) {
        Map<Labels, Double> kept = new TreeMap<>();
        samples.forEach((labels, value) -> {
            if (keep.test(labels)) {
                kept.put(labels, value);
            }
        });
        return kept;
    }

    /** The samples of the metrics named in {@code metricNames}. */
    public static Map<Labels, Double> onlyMetrics(Map<Labels, Double> samples, Set<String> metricNames) {
        return only(samples, labels -> metricNames.contains(labels.metricName()));
    }

    /**
     * One line for every arrived counter whose value does not lie between node-exporter's read {@code before}
     * and its read {@code after}, or that one of the reads lacks; empty when every value lies between them.
     */
    public static List<String> outsideReads(Map<Labels, Double> arrived, Map<Labels, Double> before,
            Map<Labels, Double> after) {
        List<String> outside = new ArrayList<>();
        arrived.forEach((labels, value) -> {
            Double low = before.get(labels);
            Double high = after.get(labels);
            if (low == null || high == null || !(low <= value && value <= high)) {
                outside.add(labels + " = " + value + ", node-exporter had " + low + " before and " + high + " after");
            }
        });
        return outside;
    }
}
