package io.promrelay.remote.send;

import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import io.promrelay.storage.Querier;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns buffer series references into the series one endpoint sends, as Prometheus does: external labels
 * are added where the series lacks them, then write relabeling runs; a set it drops or empties is not sent.
 * Results are cached per reference (relabeling is costly and references are never reused); the cache
 * keeps only the references met during the last full walk, so series the buffer removed are forgotten.
 *
 * <p>Used by the endpoint's reader only, one thread at a time.
 */
final class SeriesResolver {
    /** Write relabeling dropped the series. */
    static final OutgoingSeries DROPPED = new OutgoingSeries(0, Labels.EMPTY, new byte[0]);

    private final Querier querier;
    private final Labels externalLabels;
    private final Relabeler relabeler;
    private Map<Long, OutgoingSeries> previousWalk = new HashMap<>();
    private Map<Long, OutgoingSeries> currentWalk = new HashMap<>();

    SeriesResolver(Querier querier, Labels externalLabels, Relabeler relabeler) {
        this.querier = querier;
        this.externalLabels = externalLabels;
        this.relabeler = relabeler;
    }

    /** The series to send for {@code ref}, {@link #DROPPED}, or null when the buffer no longer has it. */
    OutgoingSeries resolve(long ref) {
        OutgoingSeries series = currentWalk.get(ref);
        if (series == null) {
            series = previousWalk.remove(ref);
        }
        if (series == null) {
            Labels labels = querier.labels(ref);
            if (labels == null) {
                return null;
            }
            series = outgoing(ref, labels);
        }
        currentWalk.put(ref, series);
        return series;
    }

    private OutgoingSeries outgoing(long ref, Labels labels) {
        Labels withExternal = labels;
        if (!externalLabels.isEmpty()) {
            Labels.Builder b = labels.toBuilder();
            for (int i = 0; i < externalLabels.size(); i++) {
                if (labels.get(externalLabels.name(i)) == null) {
                    b.set(externalLabels.name(i), externalLabels.value(i));
                }
            }
            withExternal = b.build();
        }
        Labels relabeled = relabeler.process(withExternal);
        return relabeled == null || relabeled.isEmpty() ? DROPPED : OutgoingSeries.of(ref, relabeled);
    }

    /** A walk over all series completed: what it did not meet is gone from the buffer. */
    void walkCompleted() {
        previousWalk = currentWalk;
        currentWalk = new HashMap<>();
    }
}
