package io.promrelay.textparse;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import java.util.Arrays;

/**
 * OpenMetrics 1.0 text, accepting and refusing what Prometheus 2.42's OpenMetrics parser does.
 * The grammar is strict (single spaces, no blank lines, no free comments, commas between labels,
 * {@code # EOF} last), timestamps are float seconds, and an exemplar may follow a sample. Like
 * Prometheus, it does not check the rules that span lines (metric family grouping, bucket order,
 * which types may carry exemplars, value ranges per type): Prometheus scrapes such payloads, so a
 * relay must too.
 */
public final class OpenMetricsParser extends ExpositionParser {
    private final LabelSpans exemplarSpans = new LabelSpans();
    private final Labels.Builder exemplarLabels = new Labels.Builder();
    private boolean hasExemplar;
    private double exemplarValue;
    private boolean exemplarHasTimestamp;
    private long exemplarTimestamp;
    private boolean finished;

    public OpenMetricsParser(byte[] buf, int length) {
        super(buf, length);
    }

    @Override
    boolean helpEscapesQuotes() {
        return true;
    }

    @Override
    public Entry next() throws ParseException {
        if (finished) {
            return Entry.EOF;
        }
        entryLine = line;
        if (pos >= end) {
            throw error("data does not end with # EOF");
        }
        byte c = buf[pos];
        if (c == '#') {
            return descriptorOrEof();
        }
        if (isMetricNameStart(c)) {
            return series();
        }
        throw error("expected a metric name or \"# \", got " + found(pos));
    }

    private Entry descriptorOrEof() throws ParseException {
        int p = pos + 1;
        if (p >= end || buf[p] != ' ') {
            throw error("expected \"# \" followed by HELP, TYPE, UNIT or EOF, got " + found(pos));
        }
        p++;
        if (startsWith(p, "EOF")) {
            p += 3;
            if (p < end && buf[p] == '\n') {
                p++;
            }
            if (p != end) {
                throw error("unexpected data after # EOF");
            }
            finished = true;
            pos = end;
            return Entry.EOF;
        }
        Entry kind;
        if (startsWith(p, "HELP ")) {
            kind = Entry.HELP;
        } else if (startsWith(p, "TYPE ")) {
            kind = Entry.TYPE;
        } else if (startsWith(p, "UNIT ")) {
            kind = Entry.UNIT;
        } else {
            throw error("expected HELP, TYPE, UNIT or EOF after \"# \", got " + found(p));
        }
        p += 5;
        if (p >= end || !isMetricNameStart(buf[p])) {
            throw error("expected metric name after " + kind + ", got " + found(p));
        }
        familyFrom = p;
        familyTo = scanMetricName(p);
        int eol = lineEnd(familyTo);
        if (familyTo >= end || buf[familyTo] != ' ' || eol >= end) {
            throw error("expected a space and text ending with a line break in " + kind + ", got " + found(familyTo));
        }
        textFrom = familyTo + 1;
        textTo = eol;
        switch (kind) {
            case TYPE -> type = descriptorType();
            case HELP -> {
                if (!Utf8.isValid(buf, textFrom, textTo)) {
                    throw error("help text is not valid UTF-8");
                }
            }
            default -> checkUnit();
        }
        finishLine(eol);
        return kind;
    }

    private MetricType descriptorType() throws ParseException {
        for (MetricType t : MetricType.values()) {
            if (textEquals(t.word())) {
                return t;
            }
        }
        throw error("invalid metric type " + quote(textFrom, textTo));
    }

    private void checkUnit() throws ParseException {
        int unitLength = textTo - textFrom;
        if (unitLength == 0) {
            return;
        }
        int suffixFrom = familyTo - unitLength;
        boolean suffix = suffixFrom - 1 >= familyFrom
                && buf[suffixFrom - 1] == '_'
                && Arrays.equals(buf, suffixFrom, familyTo, buf, textFrom, textTo);
        if (!suffix) {
            throw error("unit " + quote(textFrom, textTo) + " not a suffix of metric " + quote(familyFrom, familyTo));
        }
    }

    private Entry series() throws ParseException {
        seriesFrom = pos;
        nameTo = scanMetricName(pos);
        seriesTo = nameTo;
        labelSpans.clear();
        hasExemplar = false;
        hasTimestamp = false;
        int p = nameTo;
        if (p < end && buf[p] == '{') {
            p = labelSet(p + 1, labelSpans);
            seriesTo = p;
            checkUniqueLabelNames();
        }
        int valueTo = spaceSeparatedToken(p);
        if (valueTo < 0) {
            throw error("expected value after metric, got " + found(p));
        }
        value = number(p + 1, valueTo, "value");
        p = valueTo;
        if (p < end && buf[p] == ' ' && !startsExemplar(p)) {
            int timestampTo = spaceSeparatedToken(p);
            if (timestampTo < 0) {
                throw error("expected timestamp or exemplar after value, got " + found(p + 1));
            }
            timestamp = milliseconds(p + 1, timestampTo, "timestamp");
            hasTimestamp = true;
            p = timestampTo;
        }
        if (p < end && buf[p] == ' ') {
            if (!startsExemplar(p)) {
                throw error("expected exemplar or line break after timestamp, got " + found(p + 1));
            }
            p = exemplar(p + 4);
        }
        if (p >= end) {
            throw error("data does not end with # EOF");
        }
        finishLine(p);
        return Entry.SERIES;
    }

    /** Labels after '{' with OpenMetrics' strict commas; returns the index after '}'. */
    private int labelSet(int p, LabelSpans into) throws ParseException {
        if (p < end && buf[p] == '}') {
            return p + 1;
        }
        while (true) {
            if (p >= end || !isLabelNameStart(buf[p])) {
                throw error("expected label name, got " + found(p));
            }
            int nameFrom = p;
            p = scanLabelName(p);
            int labelNameTo = p;
            if (p >= end || buf[p] != '=') {
                throw error("expected equal sign after label name, got " + found(p));
            }
            p++;
            if (p >= end || buf[p] != '"') {
                throw error("expected quoted label value, got " + found(p));
            }
            int close = scanQuoted(p + 1, false);
            into.add(nameFrom, labelNameTo, p + 1, close);
            p = close + 1;
            if (p < end && buf[p] == '}') {
                return p + 1;
            }
            if (p >= end || buf[p] != ',') {
                throw error("expected comma or closing brace, got " + found(p));
            }
            p++;
        }
    }

    private int exemplar(int p) throws ParseException {
        exemplarSpans.clear();
        p = labelSet(p, exemplarSpans);
        int valueTo = spaceSeparatedToken(p);
        if (valueTo < 0) {
            throw error("expected value after exemplar labels, got " + found(p));
        }
        exemplarValue = number(p + 1, valueTo, "exemplar value");
        p = valueTo;
        exemplarHasTimestamp = false;
        if (p < end && buf[p] == ' ') {
            int timestampTo = spaceSeparatedToken(p);
            if (timestampTo < 0) {
                throw error("expected exemplar timestamp, got " + found(p + 1));
            }
            exemplarTimestamp = milliseconds(p + 1, timestampTo, "exemplar timestamp");
            exemplarHasTimestamp = true;
            p = timestampTo;
            if (p < end && buf[p] != '\n') {
                throw error("expected line break after exemplar timestamp, got " + found(p));
            }
        }
        hasExemplar = true;
        return p;
    }

    @Override
    public boolean exemplar(Exemplar into) {
        if (!hasExemplar) {
            return false;
        }
        exemplarLabels.reset();
        exemplarSpans.addTo(exemplarLabels, buf);
        into.labels = exemplarLabels.build();
        into.value = exemplarValue;
        into.hasTimestamp = exemplarHasTimestamp;
        into.timestampMillis = exemplarTimestamp;
        return true;
    }

    /** Seconds as a float, converted to milliseconds the way Prometheus does (truncating). */
    private long milliseconds(int from, int to, String what) throws ParseException {
        double seconds = number(from, to, what);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw error("invalid " + what + " " + quote(from, to));
        }
        return (long) (seconds * 1000);
    }

    /**
     * For a single space at {@code p} followed by at least one byte other than space and line
     * feed, the index where that token ends; -1 when there is no such token.
     */
    private int spaceSeparatedToken(int p) {
        if (p >= end || buf[p] != ' ') {
            return -1;
        }
        int q = p + 1;
        while (q < end && buf[q] != ' ' && buf[q] != '\n') {
            q++;
        }
        return q == p + 1 ? -1 : q;
    }

    private boolean startsExemplar(int p) {
        return startsWith(p, " # {");
    }

    private boolean startsWith(int p, String ascii) {
        if (p + ascii.length() > end) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[p + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
