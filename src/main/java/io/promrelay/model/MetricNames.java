package io.promrelay.model;

/**
 * Prometheus 2.x rules for names: label names {@code [a-zA-Z_][a-zA-Z0-9_]*}, metric names the same plus
 * colons. Written as loops because they run once per label of every pushed or relabelled series.
 */
public final class MetricNames {
    private MetricNames() {
    }

    public static boolean isValidLabelName(String name) {
        return isValid(name, false);
    }

    public static boolean isValidMetricName(String name) {
        return isValid(name, true);
    }

    private static boolean isValid(String name, boolean colonAllowed) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':');
            if (!letter && (i == 0 || c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
