package io.promrelay.scrape;

import io.promrelay.config.ScrapeConfig;
import io.promrelay.model.Labels;
import io.promrelay.model.StaleNaN;
import io.promrelay.relabel.Relabeler;
import io.promrelay.storage.Appender;
import io.promrelay.storage.MetadataStore;
import io.promrelay.storage.StorageException;
import io.promrelay.textparse.ExpositionFormat;
import io.promrelay.textparse.ParseException;
import io.promrelay.textparse.Parser;

/**
 * Turns one target's scrape bodies into buffer appends, keeping what must survive between scrapes
 * of that target: the series cache and the set of series the last scrape wrote, whose difference
 * to this scrape's set gets staleness markers. Runs on a worker thread, one scrape at a time.
 */
final class SampleIngester {
    private final ScrapeConfig config;
    private final BodyLimit bodyLimit;
    private final Labels targetLabels;
    private final Relabeler metricRelabeler;
    private final ScrapeCache cache = new ScrapeCache();
    private final Labels.Builder builder = new Labels.Builder();
    private final MetadataCollector metadata;
    private RefSet previous = new RefSet();
    private RefSet current = new RefSet();
    private long scrapeNumber;

    SampleIngester(ScrapeConfig config, Labels targetLabels, Relabeler metricRelabeler, MetadataStore metadataStore) {
        this.config = config;
        this.bodyLimit = BodyLimit.of(config);
        this.metadata = new MetadataCollector(metadataStore);
        this.targetLabels = targetLabels;
        this.metricRelabeler = metricRelabeler;
    }

    /**
     * Appends every sample of the body and staleness markers for series that vanished since the
     * last scrape. On failure nothing of this scrape should be committed: the caller rolls back.
     */
    IngestResult ingest(ScrapeBody body, long scrapeMillis, Appender app) throws ScrapeFailure {
        scrapeNumber++;
        current.clear();
        ScrapeBody plain = GzipBody.decoded(body, bodyLimit);
        Parser parser = ExpositionFormat.parserFor(plain.contentType(), plain.bytes(), plain.length());
        IngestResult.Counter counts = new IngestResult.Counter();
        metadata.begin();
        try {
            Parser.Entry entry;
            while ((entry = parser.next()) != Parser.Entry.EOF) {
                if (entry == Parser.Entry.SERIES) {
                    appendSeries(parser, scrapeMillis, app, counts);
                } else {
                    metadata.record(entry, parser);
                }
            }
        } catch (ParseException e) {
            throw new ScrapeFailure("parse error: " + e.getMessage(), refused(FailureKind.PARSE_ERROR), counts.result());
        }
        if (config.sampleLimit() > 0 && counts.postRelabel > config.sampleLimit()) {
            throw new ScrapeFailure("sample limit exceeded (sample_limit: " + config.sampleLimit()
                    + ", samples after metric relabeling: " + counts.postRelabel + ")", refused(FailureKind.SAMPLE_LIMIT),
                    counts.result());
        }
        appendStaleMarkers(scrapeMillis, app, counts);
        metadata.publish();
        RefSet swap = previous;
        previous = current;
        current = swap;
        cache.evictUnseenSince(scrapeNumber);
        return counts.result();
    }

    /** After a failed scrape or when the target goes away: everything it served last becomes stale. */
    void markAllStale(long timestampMillis, Appender app) {
        current.clear();
        appendStaleMarkers(timestampMillis, app, new IngestResult.Counter());
        previous.clear();
    }

    private void appendSeries(Parser parser, long scrapeMillis, Appender app, IngestResult.Counter counts) throws ScrapeFailure {
        counts.scraped++;
        byte[] buf = parser.seriesBytes();
        int off = parser.seriesOffset();
        int len = parser.seriesLength();
        ScrapeCache.Entry entry = cache.get(buf, off, len);
        if (entry == null) {
            Labels labels = sampleLabels(parser);
            if (labels != null && sampleLimitReached(counts)) {
                counts.postRelabel++;
                return;
            }
            entry = cache.put(buf, off, len, 0, labels);
            if (labels != null) {
                counts.added++;
            }
        }
        entry.lastSeenScrape = scrapeNumber;
        if (entry.dropped()) {
            return;
        }
        if (sampleLimitReached(counts)) {
            counts.postRelabel++;
            return;
        }
        counts.postRelabel++;
        long t = config.honorTimestamps() && parser.hasTimestamp() ? parser.timestamp() : scrapeMillis;
        try {
            entry.ref = app.append(entry.ref, entry.labels, t, parser.value());
            current.add(entry.ref);
        } catch (StorageException e) {
            counts.rejected(e.kind());
        }
    }

    /**
     * Past sample_limit the scrape fails anyway: its further samples are still counted for the error, but make
     * neither a cache entry nor a series, as Prometheus's limit appender refuses them before storage sees them.
     * A target sending a million series thus costs the buffer no more than sample_limit series.
     */
    private boolean sampleLimitReached(IngestResult.Counter counts) {
        return config.sampleLimit() > 0 && counts.postRelabel >= config.sampleLimit();
    }

    /** The labels a new series gets: target labels merged in, then metric relabeling; null if dropped. */
    private Labels sampleLabels(Parser parser) throws ScrapeFailure {
        parser.labels(builder);
        mergeTargetLabels(builder);
        Labels merged = builder.build();
        Labels labels = metricRelabeler.process(merged);
        if (labels != null) {
            checkLabelLimits(labels);
        }
        return labels;
    }

    /**
     * honor_labels keeps what the target sent and only fills gaps; otherwise a clashing scraped
     * label is kept as {@code exported_<name>} and the target's value wins, as in Prometheus.
     */
    private void mergeTargetLabels(Labels.Builder b) {
        for (int i = 0; i < targetLabels.size(); i++) {
            String name = targetLabels.name(i);
            String value = targetLabels.value(i);
            String scraped = b.get(name);
            if (config.honorLabels()) {
                if (scraped == null || scraped.isEmpty()) {
                    b.set(name, value);
                }
                continue;
            }
            if (scraped != null && !scraped.isEmpty()) {
                String exported = "exported_" + name;
                while (b.get(exported) != null && !b.get(exported).isEmpty()) {
                    exported = "exported_" + exported;
                }
                b.set(exported, scraped);
            }
            b.set(name, value);
        }
    }

    private void checkLabelLimits(Labels labels) throws ScrapeFailure {
        String metric = truncate(labels.metricName());
        if (config.labelLimit() > 0 && labels.size() > config.labelLimit()) {
            throw new ScrapeFailure("label_limit exceeded (metric: " + metric + ", number of labels: "
                    + labels.size() + ", limit: " + config.labelLimit() + ")", refused(FailureKind.LABEL_LIMIT));
        }
        for (int i = 0; i < labels.size(); i++) {
            String name = labels.name(i);
            String value = labels.value(i);
            if (config.labelNameLengthLimit() > 0 && name.length() > config.labelNameLengthLimit()) {
                throw new ScrapeFailure("label_name_length_limit exceeded (metric: " + metric + ", label name: "
                        + truncate(name) + ", length: " + name.length() + ", limit: " + config.labelNameLengthLimit() + ")",
                        refused(FailureKind.LABEL_LIMIT));
            }
            if (config.labelValueLengthLimit() > 0 && value.length() > config.labelValueLengthLimit()) {
                throw new ScrapeFailure("label_value_length_limit exceeded (metric: " + metric + ", label name: "
                        + truncate(name) + ", value: \"" + truncate(value) + "\", length: " + value.length()
                        + ", limit: " + config.labelValueLengthLimit() + ")", refused(FailureKind.LABEL_LIMIT));
            }
        }
    }

    private void appendStaleMarkers(long timestampMillis, Appender app, IngestResult.Counter counts) {
        previous.forEach(ref -> {
            if (!current.contains(ref)) {
                try {
                    app.append(ref, null, timestampMillis, StaleNaN.VALUE);
                } catch (StorageException e) {
                    counts.rejected(e.kind());
                }
            }
        });
    }

    private static FailureEvidence refused(FailureKind kind) {
        return new FailureEvidence.Refused(kind);
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() <= 50 ? s : s.substring(0, 50);
    }
}
