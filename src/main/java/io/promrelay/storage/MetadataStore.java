package io.promrelay.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Metric metadata by family name, as the targets last described it. Different targets may describe
 * the same family differently, so a few distinct descriptions are kept per family, newest first.
 * Both dimensions are bounded: beyond {@link #MAX_FAMILIES} new families are ignored, and beyond
 * {@link #MAX_VARIANTS} the oldest description of a family is forgotten.
 */
public final class MetadataStore {
    static final int MAX_FAMILIES = 100_000;
    static final int MAX_VARIANTS = 8;

    private final Map<String, List<MetricMetadata>> byFamily = new ConcurrentHashMap<>();

    public void put(String family, MetricMetadata metadata) {
        if (byFamily.size() >= MAX_FAMILIES && !byFamily.containsKey(family)) {
            return;
        }
        byFamily.compute(family, (name, old) -> {
            List<MetricMetadata> variants = new ArrayList<>(MAX_VARIANTS);
            variants.add(metadata);
            if (old != null) {
                for (MetricMetadata m : old) {
                    if (!m.equals(metadata) && variants.size() < MAX_VARIANTS) {
                        variants.add(m);
                    }
                }
            }
            return List.copyOf(variants);
        });
    }

    /** The newest description of a family, or null. */
    public MetricMetadata latest(String family) {
        List<MetricMetadata> variants = byFamily.get(family);
        return variants == null ? null : variants.get(0);
    }

    /**
     * Families sorted by name with their descriptions; only {@code family} when it is not null, and
     * at most {@code limit} families when {@code limit} is positive.
     */
    public Map<String, List<MetricMetadata>> snapshot(String family, int limit) {
        if (family != null) {
            List<MetricMetadata> variants = byFamily.get(family);
            return variants == null ? Map.of() : Map.of(family, variants);
        }
        TreeMap<String, List<MetricMetadata>> sorted = new TreeMap<>(byFamily);
        if (limit <= 0 || sorted.size() <= limit) {
            return sorted;
        }
        Map<String, List<MetricMetadata>> first = new LinkedHashMap<>();
        for (Map.Entry<String, List<MetricMetadata>> e : sorted.entrySet()) {
            if (first.size() == limit) {
                break;
            }
            first.put(e.getKey(), e.getValue());
        }
        return first;
    }
}
