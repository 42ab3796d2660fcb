package io.promrelay.textparse;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;

/**
 * A pull parser over one scrape body. Each {@link #next()} moves to the next entry and says what
 * it is; accessors then describe that entry. Nothing is allocated per sample: the caller asks for
 * labels only for series bytes it has not seen before (see {@link #seriesBytes}).
 */
public interface Parser {
    enum Entry { TYPE, HELP, UNIT, COMMENT, SERIES, EOF }

    /**
     * Moves to the next entry; returns {@link Entry#EOF} at the end of input (and after "# EOF" in
     * OpenMetrics).
     *
     * @throws ParseException naming the line and the reason when the input is malformed
     */
    Entry next() throws ParseException;

    // --- for SERIES ---

    /** The buffer the current series' bytes live in, valid until the next call to next(). */
    byte[] seriesBytes();

    /** Offset in {@link #seriesBytes()} of the series text: metric name and label set, as sent. */
    int seriesOffset();

    /** Length of the series text. Identical bytes mean an identical series within one format. */
    int seriesLength();

    /** Fills the builder (after resetting it) with {@code __name__} and the series' labels, unescaped. */
    void labels(Labels.Builder into);

    double value();

    /** True when the sample carried its own timestamp. */
    boolean hasTimestamp();

    /** The sample's timestamp in milliseconds since the epoch; only meaningful when {@link #hasTimestamp()}. */
    long timestamp();

    /** True when the current OpenMetrics sample carried an exemplar; fills it when so. */
    boolean exemplar(Exemplar into);

    // --- for TYPE, HELP and UNIT ---

    /** The metric family name of the current TYPE, HELP or UNIT line. */
    String familyName();

    /** The type of a TYPE line. */
    MetricType type();

    /** The unescaped text of a HELP line. */
    String help();

    /** The unit of a UNIT line. */
    String unit();

    /** The 1-based line number of the current entry, for error messages. */
    int lineNumber();
}
