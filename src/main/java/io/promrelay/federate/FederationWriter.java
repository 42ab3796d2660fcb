package io.promrelay.federate;

import io.promrelay.model.GoFloat;
import io.promrelay.model.LabelEscaping;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.model.StaleNaN;
import io.promrelay.storage.Querier;
import io.promrelay.storage.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes what /federate answers, as Prometheus does: for each series matching any selector, its
 * newest sample within the lookback window (left out when that sample is a staleness marker), with
 * the external labels added where the series lacks them, in text format 0.0.4 with one TYPE line per
 * metric name. Output is produced piece by piece through {@link #writeSome}, so a million series are
 * never held as one string.
 */
public final class FederationWriter {
    /** Prometheus's default query lookback. */
    public static final long LOOKBACK_MILLIS = 5 * 60 * 1000;

    private final Querier querier;
    private final Labels externalLabels;
    private final long nowMillis;
    private final long[] refs;
    private final Sample sample = new Sample();
    private int next;
    private String currentName;
    private int seriesWritten;

    public FederationWriter(Querier querier, List<List<Matcher>> selectors, Labels externalLabels, long nowMillis) {
        this.querier = querier;
        this.externalLabels = externalLabels;
        this.nowMillis = nowMillis;
        this.refs = select(querier, selectors);
    }

    /**
     * Matching series without duplicates, grouped by metric name as Prometheus's federation sorts
     * them: the buffer's label order alone can split a name (a label like "Zone" sorts before
     * __name__), and one name must get one TYPE line.
     */
    private static long[] select(Querier querier, List<List<Matcher>> selectors) {
        Set<Long> seen = new HashSet<>();
        List<SeriesRef> merged = new ArrayList<>();
        for (List<Matcher> selector : selectors) {
            for (long ref : querier.select(selector)) {
                Labels labels = querier.labels(ref);
                if (labels != null && seen.add(ref)) {
                    merged.add(new SeriesRef(ref, labels));
                }
            }
        }
        merged.sort(Comparator.comparing((SeriesRef s) -> s.labels().metricName(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(SeriesRef::labels));
        return merged.stream().mapToLong(SeriesRef::ref).toArray();
    }

    private record SeriesRef(long ref, Labels labels) {
    }

    /**
     * Appends output until at least {@code softLimitChars} are in {@code out} or the series run out.
     *
     * @return true while more output remains
     */
    public boolean writeSome(StringBuilder out, int softLimitChars) {
        while (next < refs.length && out.length() < softLimitChars) {
            long ref = refs[next++];
            Labels labels = querier.labels(ref);
            if (labels == null
                    || !querier.latest(ref, nowMillis - LOOKBACK_MILLIS, nowMillis, sample)
                    || StaleNaN.is(sample.value)) {
                continue;
            }
            writeSeries(out, labels);
        }
        return next < refs.length;
    }

    /** Series written so far. */
    public int seriesWritten() {
        return seriesWritten;
    }

    private void writeSeries(StringBuilder out, Labels labels) {
        String name = labels.metricName();
        if (name == null) {
            return;
        }
        if (!name.equals(currentName)) {
            currentName = name;
            out.append("# TYPE ").append(name).append(" untyped\n");
        }
        out.append(name);
        int brace = out.length();
        out.append('{');
        int written = 0;
        int e = 0;
        for (int i = 0; i < labels.size(); i++) {
            String ln = labels.name(i);
            if (ln.equals(Labels.METRIC_NAME)) {
                continue;
            }
            while (e < externalLabels.size() && externalLabels.name(e).compareTo(ln) < 0) {
                written = pair(out, written, externalLabels.name(e), externalLabels.value(e));
                e++;
            }
            if (e < externalLabels.size() && externalLabels.name(e).equals(ln)) {
                e++;
            }
            written = pair(out, written, ln, labels.value(i));
        }
        for (; e < externalLabels.size(); e++) {
            written = pair(out, written, externalLabels.name(e), externalLabels.value(e));
        }
        if (written == 0) {
            out.setLength(brace);
            out.append(' ');
        } else {
            out.append("} ");
        }
        GoFloat.append(sample.value, out);
        out.append(' ').append(sample.timestamp).append('\n');
        seriesWritten++;
    }

    private static int pair(StringBuilder out, int written, String name, String value) {
        if (written > 0) {
            out.append(',');
        }
        out.append(name).append("=\"");
        LabelEscaping.escapeValue(value, out);
        out.append('"');
        return written + 1;
    }
}
