package io.promrelay.storage;

import io.promrelay.model.Matcher;
import io.promrelay.model.Labels;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Reads the buffer; holds no state of its own, so one instance serves every reader. */
final class HeadQuerier implements Querier {
    private static final Comparator<MemSeries> BY_LABELS = Comparator.comparing(s -> s.labels);

    private final Head head;

    HeadQuerier(Head head) {
        this.head = head;
    }

    /** Sorted as Prometheus sorts series sets: by {@link Labels#compareTo}. */
    @Override
    public long[] select(List<Matcher> matchers) {
        long[] refs = head.index().select(matchers);
        MemSeries[] found = new MemSeries[refs.length];
        int n = 0;
        for (long ref : refs) {
            MemSeries series = head.liveSeries(ref);
            if (series != null) {
                found[n++] = series;
            }
        }
        Arrays.sort(found, 0, n, BY_LABELS);
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = found[i].ref;
        }
        return sorted;
    }

    @Override
    public Labels labels(long ref) {
        MemSeries series = head.liveSeries(ref);
        return series == null ? null : series.labels;
    }

    @Override
    public boolean latest(long ref, long minTimeMillis, long maxTimeMillis, Sample into) {
        MemSeries series = head.liveSeries(ref);
        return series != null && series.latest(minTimeMillis, maxTimeMillis, into);
    }

    @Override
    public SampleIterator samples(long ref, long minTimeMillis, long maxTimeMillis) {
        MemSeries series = head.liveSeries(ref);
        return series == null ? ChunksIterator.EMPTY : series.samples(minTimeMillis, maxTimeMillis);
    }

    @Override
    public List<String> labelValues(String name) {
        return head.index().labelValues(name);
    }

    @Override
    public List<String> labelNames() {
        return head.index().labelNames();
    }
}
