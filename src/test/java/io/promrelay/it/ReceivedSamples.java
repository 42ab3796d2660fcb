package io.promrelay.it;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.storage.Head;
import io.promrelay.storage.SampleIterator;
import io.promrelay.testing.Await;
import io.promrelay.testing.PrometheusServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Series with their raw samples, read from the relay's buffer or from a receiver's API in the same shape,
 * so a test compares them with one assertEquals. Stale markers are left out: query APIs do not return them.
 */
final class ReceivedSamples {
    record Point(long timestampMillis, double value) {
    }

    private ReceivedSamples() {
    }

    /** What the relay holds for the series {@code matchers} select, up to {@code endMillis}. */
    static Map<Labels, List<Point>> inRelay(Head head, List<Matcher> matchers, long endMillis) {
        Map<Labels, List<Point>> out = new TreeMap<>();
        for (long ref : head.querier().select(matchers)) {
            List<Point> points = new ArrayList<>();
            SampleIterator it = head.querier().samples(ref, Long.MIN_VALUE, endMillis);
            while (it.next()) {
                if (!Double.isNaN(it.value())) {
                    points.add(new Point(it.timestamp(), it.value()));
                }
            }
            out.put(head.querier().labels(ref), points);
        }
        return out;
    }

    /** A Prometheus range-vector result ({@code selector[1h]} evaluated as an instant query). */
    static Map<Labels, List<Point>> fromPrometheusMatrix(JsonArray result) {
        Map<Labels, List<Point>> out = new TreeMap<>();
        for (Object entry : result) {
            JsonObject series = (JsonObject) entry;
            List<Point> points = new ArrayList<>();
            for (Object v : series.getJsonArray("values")) {
                JsonArray pair = (JsonArray) v;
                points.add(new Point(Math.round(pair.getDouble(0) * 1000), Double.parseDouble(pair.getString(1))));
            }
            out.put(labels(series.getJsonObject("metric")), points);
        }
        return out;
    }

    /** VictoriaMetrics' /api/v1/export answer: one JSON object per line. */
    static Map<Labels, List<Point>> fromVictoriaExport(String jsonLines) {
        Map<Labels, List<Point>> out = new TreeMap<>();
        for (String line : jsonLines.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject series = new JsonObject(line);
            JsonArray values = series.getJsonArray("values");
            JsonArray timestamps = series.getJsonArray("timestamps");
            List<Point> points = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                Object value = values.getValue(i);
                double v = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
                if (!Double.isNaN(v)) {
                    points.add(new Point(timestamps.getLong(i), v));
                }
            }
            points.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
            out.put(labels(series.getJsonObject("metric")), points);
        }
        return out;
    }

    /** What Prometheus holds of {@code job}'s series up to {@code endMillis} (the hour before it). */
    static Map<Labels, List<Point>> inPrometheus(PrometheusServer prometheus, String job, long endMillis) {
        return fromPrometheusMatrix(prometheus.query("{job=\"" + job + "\"}[1h]", endMillis / 1000.0));
    }

    /** Waits until Prometheus holds exactly what the relay's buffer holds of {@code job} up to {@code endMillis}; returns it. */
    static Map<Labels, List<Point>> awaitPrometheusHoldsTheRelays(Head head, PrometheusServer prometheus, String job,
                                                                  long endMillis, Duration timeout) {
        Map<Labels, List<Point>> expected = inRelay(head, List.of(Matcher.equal("job", job)), endMillis);
        Await.until("Prometheus to hold the relay's " + count(expected) + " samples", timeout,
                () -> Optional.of(inPrometheus(prometheus, job, endMillis)).filter(expected::equals),
                () -> "Prometheus has " + count(inPrometheus(prometheus, job, endMillis)) + " samples in "
                        + inPrometheus(prometheus, job, endMillis).size() + " series, the relay " + count(expected)
                        + " in " + expected.size() + prometheus.describe());
        return expected;
    }

    static int count(Map<Labels, List<Point>> samples) {
        return samples.values().stream().mapToInt(List::size).sum();
    }

    private static Labels labels(JsonObject metric) {
        Labels.Builder b = new Labels.Builder();
        metric.forEach(e -> b.set(e.getKey(), String.valueOf(e.getValue())));
        return b.build();
    }
}
