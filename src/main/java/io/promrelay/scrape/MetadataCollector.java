package io.promrelay.scrape;

import io.promrelay.model.MetricType;
import io.promrelay.storage.MetadataStore;
import io.promrelay.storage.MetricMetadata;
import io.promrelay.textparse.Parser;
import java.util.HashMap;
import java.util.Map;

/**
 * Gathers one target's TYPE, HELP and UNIT lines during a scrape and hands the store only the
 * families whose description changed since the target's previous scrape, so an unchanged target
 * costs the store nothing.
 */
final class MetadataCollector {
    private final MetadataStore store;
    private Map<String, MetricMetadata> published = new HashMap<>();
    private final Map<String, MetricMetadata> current = new HashMap<>();

    MetadataCollector(MetadataStore store) {
        this.store = store;
    }

    void begin() {
        current.clear();
    }

    /** Records the entry the parser stands on when it is a TYPE, HELP or UNIT line. */
    void record(Parser.Entry entry, Parser parser) {
        if (entry != Parser.Entry.TYPE && entry != Parser.Entry.HELP && entry != Parser.Entry.UNIT) {
            return;
        }
        String family = parser.familyName();
        MetricMetadata old = current.getOrDefault(family, new MetricMetadata(MetricType.UNKNOWN, "", ""));
        current.put(family, switch (entry) {
            case TYPE -> new MetricMetadata(parser.type(), old.help(), old.unit());
            case HELP -> new MetricMetadata(old.type(), parser.help(), old.unit());
            default -> new MetricMetadata(old.type(), old.help(), parser.unit());
        });
    }

    /** After a successful scrape: publishes what changed. */
    void publish() {
        current.forEach((family, metadata) -> {
            if (!metadata.equals(published.get(family))) {
                store.put(family, metadata);
            }
        });
        published = new HashMap<>(current);
    }
}
