package io.promrelay.remote;

import io.promrelay.model.LabelEscaping;
import io.promrelay.model.Labels;
import io.promrelay.model.MetricNames;
import io.promrelay.remote.proto.Label;
import java.util.List;

/**
 * Checks the labels of one pushed series against remote write 1.0 and Prometheus's naming rules, and builds the
 * label set. Stricter than Prometheus 2.42 (which stored anything and let later queries trip over it): every rule
 * the specification puts on senders is enforced, so a broken sender learns of it from a 400 naming the series.
 * A label with an empty value is the same as no label, as everywhere in Prometheus, and is dropped.
 */
final class PushedLabels {
    private static final int MAX_RENDERED_CHARS = 1024;

    private final Labels.Builder builder = new Labels.Builder();

    Labels build(List<Label> labels) throws RemoteWriteException {
        builder.reset();
        String previous = null;
        for (Label label : labels) {
            String name = label.getName();
            String value = label.getValue();
            if (name.isEmpty()) {
                throw invalid(labels, "empty label name");
            }
            if (name.equals(Labels.METRIC_NAME)) {
                if (!MetricNames.isValidMetricName(value)) {
                    throw invalid(labels, "invalid metric name \"" + value + "\"");
                }
            } else if (!MetricNames.isValidLabelName(name)) {
                throw invalid(labels, "invalid label name \"" + name + "\"");
            }
            // Valid names are ASCII, so Java's comparison agrees with Go's byte order here.
            if (previous != null) {
                int order = previous.compareTo(name);
                if (order == 0) {
                    throw invalid(labels, "duplicated label " + name);
                }
                if (order > 0) {
                    throw invalid(labels, "labels not sorted by name (" + previous + " before " + name + ")");
                }
            }
            previous = name;
            builder.set(name, value);
        }
        Labels built = builder.build();
        if (built.metricName() == null) {
            throw invalid(labels, "no metric name (label __name__)");
        }
        return built;
    }

    private static RemoteWriteException invalid(List<Label> labels, String problem) {
        return new RemoteWriteException(Rejection.INVALID_LABELS,
                "invalid labels for series " + render(labels) + ": " + problem);
    }

    /** The labels as sent, in Prometheus's {@code {name="value", ...}} form, cut short for huge series. */
    static String render(List<Label> labels) {
        StringBuilder out = new StringBuilder("{");
        for (Label label : labels) {
            if (out.length() > MAX_RENDERED_CHARS) {
                return out.append("...}").toString();
            }
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(label.getName()).append("=\"");
            LabelEscaping.escapeValue(label.getValue(), out);
            out.append('"');
        }
        return out.append('}').toString();
    }
}
