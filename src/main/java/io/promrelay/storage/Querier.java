package io.promrelay.storage;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import java.util.List;

/** Read access to the buffer. Safe to use while scrapes append. */
public interface Querier {
    /**
     * References of the series matching all matchers (Prometheus semantics: a matcher that matches ""
     * also matches series without that label), sorted by metric name and then by label set.
     * At least one matcher must not match the empty string.
     */
    long[] select(List<Matcher> matchers);

    /** The labels of a series, or null if the series is gone. */
    Labels labels(long ref);

    /**
     * Reads the newest sample at or before {@code maxTimeMillis} and not before {@code minTimeMillis}.
     *
     * @return false when there is none (the value may be the stale NaN; callers decide)
     */
    boolean latest(long ref, long minTimeMillis, long maxTimeMillis, Sample into);

    /** Samples of a series within [minTimeMillis, maxTimeMillis], oldest first; empty if the series is gone. */
    SampleIterator samples(long ref, long minTimeMillis, long maxTimeMillis);

    /** Sorted distinct values of a label name over all series. */
    List<String> labelValues(String name);

    /** Sorted distinct label names over all series. */
    List<String> labelNames();
}
