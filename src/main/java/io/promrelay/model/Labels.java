package io.promrelay.model;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * An immutable label set, sorted by label name, with no empty values and no duplicate names.
 * Names and values are interleaved in one array so a set costs one object plus its strings.
 */
public final class Labels implements Comparable<Labels> {
    public static final String METRIC_NAME = "__name__";
    public static final Labels EMPTY = new Labels(new String[0]);

    private final String[] pairs;
    private int hash;

    private Labels(String[] sortedPairs) {
        this.pairs = sortedPairs;
    }

    /** Builds a label set from name, value, name, value... in any order; empty values are dropped. */
    public static Labels of(String... nameValues) {
        if (nameValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need name/value pairs");
        }
        Builder b = new Builder();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.set(nameValues[i], nameValues[i + 1]);
        }
        return b.build();
    }

    public static Labels fromMap(Map<String, String> map) {
        Builder b = new Builder();
        map.forEach(b::set);
        return b.build();
    }

    public int size() {
        return pairs.length / 2;
    }

    public boolean isEmpty() {
        return pairs.length == 0;
    }

    public String name(int i) {
        return pairs[2 * i];
    }

    public String value(int i) {
        return pairs[2 * i + 1];
    }

    /** The value of the named label, or null when the set has no such label. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : pairs[2 * i + 1];
    }

    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    public String metricName() {
        return get(METRIC_NAME);
    }

    private int indexOf(String name) {
        int lo = 0;
        int hi = pairs.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = pairs[2 * mid].compareTo(name);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < pairs.length; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        forEach(m::put);
        return m;
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        for (int i = 0; i < pairs.length; i += 2) {
            b.set(pairs[i], pairs[i + 1]);
        }
        return b;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(pairs);
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Labels other && hashCode() == other.hashCode() && Arrays.equals(pairs, other.pairs));
    }

    /** Prometheus's order: label by label, name first, then value; a prefix sorts first. */
    @Override
    public int compareTo(Labels o) {
        int n = Math.min(pairs.length, o.pairs.length);
        for (int i = 0; i < n; i++) {
            // The buffer shares label strings between series, so most pairs are the same object.
            if (pairs[i] == o.pairs[i]) {
                continue;
            }
            int c = pairs[i].compareTo(o.pairs[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pairs.length, o.pairs.length);
    }

    /** The exposition form, {@code name{a="b"}} or {@code {a="b"}} without a metric name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equals(METRIC_NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(pairs[i]).append("=\"");
            LabelEscaping.escapeValue(pairs[i + 1], sb);
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /** A mutable label set that sorts and removes empty values when built; reusable after build. */
    public static final class Builder {
        private String[] pairs = new String[16];
        private int size;

        public Builder set(String name, String value) {
            for (int i = 0; i < size; i += 2) {
                if (pairs[i].equals(name)) {
                    pairs[i + 1] = value;
                    return this;
                }
            }
            if (size == pairs.length) {
                pairs = Arrays.copyOf(pairs, size * 2);
            }
            pairs[size++] = name;
            pairs[size++] = value;
            return this;
        }

        public String get(String name) {
            for (int i = 0; i < size; i += 2) {
                if (pairs[i].equals(name)) {
                    return pairs[i + 1];
                }
            }
            return null;
        }

        public Builder delete(String name) {
            for (int i = 0; i < size; i += 2) {
                if (pairs[i].equals(name)) {
                    System.arraycopy(pairs, i + 2, pairs, i, size - i - 2);
                    size -= 2;
                    pairs[size] = null;
                    pairs[size + 1] = null;
                    return this;
                }
            }
            return this;
        }

        public int size() {
            return size / 2;
        }

        public String name(int i) {
            return pairs[2 * i];
        }

        public String value(int i) {
            return pairs[2 * i + 1];
        }

        public Builder reset() {
            Arrays.fill(pairs, 0, size, null);
            size = 0;
            return this;
        }

        public Labels build() {
            int n = 0;
            String[] out = new String[size];
            for (int i = 0; i < size; i += 2) {
                if (pairs[i + 1] != null && !pairs[i + 1].isEmpty()) {
                    out[n++] = pairs[i];
                    out[n++] = pairs[i + 1];
                }
            }
            String[] sorted = n == out.length ? out : Arrays.copyOf(out, n);
            sortPairs(sorted);
            return new Labels(sorted);
        }

        // Label sets are small, so an insertion sort over pairs beats boxing into a sortable list.
        private static void sortPairs(String[] p) {
            for (int i = 2; i < p.length; i += 2) {
                String name = p[i];
                String value = p[i + 1];
                int j = i - 2;
                while (j >= 0 && p[j].compareTo(name) > 0) {
                    p[j + 2] = p[j];
                    p[j + 3] = p[j + 1];
                    j -= 2;
                }
                p[j + 2] = name;
                p[j + 3] = value;
            }
        }
    }
}
