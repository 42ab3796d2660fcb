package io.promrelay.bench;

import java.util.OptionalDouble;

/** Reads one figure out of a process's own /metrics page in the text format. */
final class MetricsText {
    private MetricsText() {
    }

    /**
     * The sum over all series named {@code metric} (e.g. one per {@code type} label), or empty when the
     * page has none.
     */
    static OptionalDouble sum(String page, String metric) {
        double total = 0;
        boolean found = false;
        for (String line : page.split("\n")) {
            if (!line.startsWith(metric) || line.length() == metric.length()) {
                continue;
            }
            char next = line.charAt(metric.length());
            if (next != '{' && next != ' ') {
                continue;
            }
            String afterSeries = line.substring(next == '{' ? line.lastIndexOf('}') + 1 : metric.length()).trim();
            total += Double.parseDouble(afterSeries.split(" ")[0]);
            found = true;
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }
}
