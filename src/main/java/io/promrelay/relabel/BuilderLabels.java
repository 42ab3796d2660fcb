package io.promrelay.relabel;

import io.promrelay.model.Labels;

/**
 * Reads and writes a {@link Labels.Builder} the way Prometheus's label builder behaves: a
 * missing label reads as "", and setting "" deletes the label.
 */
final class BuilderLabels {
    private BuilderLabels() {
    }

    static String get(Labels.Builder labels, String name) {
        String v = labels.get(name);
        return v == null ? "" : v;
    }

    static void set(Labels.Builder labels, String name, String value) {
        if (value.isEmpty()) {
            labels.delete(name);
        } else {
            labels.set(name, value);
        }
    }
}
