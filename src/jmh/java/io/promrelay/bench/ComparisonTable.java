package io.promrelay.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Figures for the relay and Prometheus side by side, with the ratio relay / Prometheus. */
final class ComparisonTable {
    private final List<Row> rows = new ArrayList<>();

    private record Row(String figure, String unit, double relay, double prometheus) {
    }

    /** A figure both processes have; NaN marks one that could not be measured. */
    ComparisonTable add(String figure, String unit, double relay, double prometheus) {
        rows.add(new Row(figure, unit, relay, prometheus));
        return this;
    }

    /** A figure only the relay has. */
    ComparisonTable addRelayOnly(String figure, String unit, double relay) {
        return add(figure, unit, relay, Double.NaN);
    }

    String render() {
        String format = "%-40s %-8s %16s %16s %10s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format,
                "figure", "unit", "promrelay", "prometheus", "ratio"));
        out.append("-".repeat(94)).append('\n');
        for (Row row : rows) {
            String ratio = Double.isFinite(row.relay()) && Double.isFinite(row.prometheus()) && row.prometheus() != 0
                    ? String.format(Locale.ROOT, "%.2f", row.relay() / row.prometheus()) : "-";
            out.append(String.format(Locale.ROOT, format, row.figure(), row.unit(), number(row.relay()),
                    number(row.prometheus()), ratio));
        }
        return out.toString();
    }

    private static String number(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.0f" : "%.3f", v);
    }
}
