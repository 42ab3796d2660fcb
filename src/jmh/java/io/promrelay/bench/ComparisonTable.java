package io.promrelay.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Figures for the relay and its peers side by side, with the ratio relay / peer for each peer. The relay is
 * always the first column.
 */
final class ComparisonTable {
    private static final String RELAY = "promrelay";

    private final List<String> peers;
    private final List<Row> rows = new ArrayList<>();

    private record Row(String figure, String unit, double relay, double[] peers) {
    }

    /** @param peers the names of the columns after the relay's */
    ComparisonTable(String... peers) {
        this.peers = List.of(peers);
    }

    /** A figure the relay and every peer have, in column order; NaN marks one that could not be measured. */
    ComparisonTable add(String figure, String unit, double relay, double... peers) {
        if (peers.length != this.peers.size()) {
            throw new IllegalArgumentException(figure + ": " + peers.length + " peer figures for " + this.peers);
        }
        rows.add(new Row(figure, unit, relay, peers.clone()));
        return this;
    }

    /** A figure only the relay has. */
    ComparisonTable addRelayOnly(String figure, String unit, double relay) {
        double[] none = new double[peers.size()];
        Arrays.fill(none, Double.NaN);
        return add(figure, unit, relay, none);
    }

    String render() {
        StringBuilder format = new StringBuilder("%-40s %-8s %16s");
        List<Object> header = new ArrayList<>(List.of("figure", "unit", RELAY));
        for (String peer : peers) {
            format.append(" %16s");
            header.add(peer);
        }
        for (String peer : peers) {
            format.append(" %" + Math.max(10, peer.length() + 7) + "s");
            header.add("ratio/" + peer);
        }
        format.append("%n");
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format.toString(), header.toArray()));
        int width = out.length() - System.lineSeparator().length();
        out.append("-".repeat(width)).append('\n');
        for (Row row : rows) {
            List<Object> cells = new ArrayList<>(List.of(row.figure(), row.unit(), number(row.relay())));
            for (double peer : row.peers()) {
                cells.add(number(peer));
            }
            for (double peer : row.peers()) {
                cells.add(ratio(row.relay(), peer));
            }
            out.append(String.format(Locale.ROOT, format.toString(), cells.toArray()));
        }
        return out.toString();
    }

    private static String ratio(double relay, double peer) {
        return Double.isFinite(relay) && Double.isFinite(peer) && peer != 0
                ? String.format(Locale.ROOT, "%.2f", relay / peer) : "-";
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
