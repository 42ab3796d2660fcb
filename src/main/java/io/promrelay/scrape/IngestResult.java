package io.promrelay.scrape;

import io.promrelay.storage.StorageException;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one successful scrape did: the figures behind scrape_samples_scraped,
 * scrape_samples_post_metric_relabeling and scrape_series_added, and samples the buffer refused
 * (by reason). A failed scrape has the empty result.
 */
public record IngestResult(int samplesScraped, int samplesPostRelabel, int seriesAdded,
                    Map<StorageException.Kind, Integer> rejected) {
    public static final IngestResult EMPTY = new IngestResult(0, 0, 0, Map.of());

    static final class Counter {
        int scraped;
        int postRelabel;
        int added;
        private final Map<StorageException.Kind, Integer> rejected = new EnumMap<>(StorageException.Kind.class);

        void rejected(StorageException.Kind kind) {
            rejected.merge(kind, 1, Integer::sum);
        }

        IngestResult result() {
            return new IngestResult(scraped, postRelabel, added, Map.copyOf(rejected));
        }
    }
}
