package io.promrelay.textparse;

import io.promrelay.model.MetricType;

/**
 * The Prometheus text exposition format 0.0.4, accepting and refusing what Prometheus 2.42's
 * lexer does: spaces and tabs may appear between any two tokens, label pairs need no comma and
 * may end with one, a label value may hold a raw line feed, the value is whatever runs up to the
 * next blank or brace, the timestamp is integer milliseconds, and the last line need not end
 * with a line feed. A carriage return is not a line end: it becomes part of the token before it,
 * which then fails to parse, exactly as in Prometheus.
 */
public final class TextParser extends ExpositionParser {

    public TextParser(byte[] buf, int length) {
        super(buf, length);
    }

    @Override
    boolean helpEscapesQuotes() {
        return false;
    }

    @Override
    public boolean exemplar(Exemplar into) {
        return false;
    }

    @Override
    public Entry next() throws ParseException {
        while (true) {
            pos = skipBlanks(pos);
            entryLine = line;
            if (pos >= end) {
                return Entry.EOF;
            }
            byte c = buf[pos];
            if (c == '\n') {
                pos++;
                line++;
                continue;
            }
            if (c == 0) {
                // Prometheus's lexer reads a NUL where a line starts as the end of the input.
                pos = end;
                return Entry.EOF;
            }
            if (c == '#') {
                return commentOrMetadata();
            }
            if (isMetricNameStart(c)) {
                return series();
            }
            throw error("expected a metric name, comment or blank line, got " + found(pos));
        }
    }

    private Entry commentOrMetadata() throws ParseException {
        int p = pos + 1;
        if (p < end && isBlank(buf[p])) {
            p = skipBlanks(p);
            if (startsWithKeyword(p, "HELP")) {
                return metadata(Entry.HELP, skipBlanks(p + 4));
            }
            if (startsWithKeyword(p, "TYPE")) {
                return metadata(Entry.TYPE, skipBlanks(p + 4));
            }
        }
        finishLine(lineEnd(p));
        return Entry.COMMENT;
    }

    private boolean startsWithKeyword(int p, String keyword) {
        if (p + keyword.length() >= end) {
            return false;
        }
        for (int i = 0; i < keyword.length(); i++) {
            if (buf[p + i] != keyword.charAt(i)) {
                return false;
            }
        }
        return isBlank(buf[p + keyword.length()]);
    }

    private Entry metadata(Entry kind, int p) throws ParseException {
        if (p >= end || !isMetricNameStart(buf[p])) {
            throw error("expected metric name after " + kind + ", got " + found(p));
        }
        familyFrom = p;
        familyTo = scanMetricName(p);
        int eol = lineEnd(familyTo);
        // Prometheus drops the one character that separates name and text, and reads a rest of
        // blanks only as no text at all.
        textFrom = skipBlanks(familyTo) == eol ? eol : familyTo + 1;
        textTo = eol;
        if (kind == Entry.TYPE) {
            type = textType();
        } else if (!Utf8.isValid(buf, textFrom, textTo)) {
            throw error("help text is not valid UTF-8");
        }
        finishLine(eol);
        return kind;
    }

    private MetricType textType() throws ParseException {
        if (textEquals("counter")) {
            return MetricType.COUNTER;
        }
        if (textEquals("gauge")) {
            return MetricType.GAUGE;
        }
        if (textEquals("histogram")) {
            return MetricType.HISTOGRAM;
        }
        if (textEquals("summary")) {
            return MetricType.SUMMARY;
        }
        if (textEquals("untyped")) {
            return MetricType.UNKNOWN;
        }
        throw error("invalid metric type " + quote(textFrom, textTo));
    }

    private Entry series() throws ParseException {
        seriesFrom = pos;
        nameTo = scanMetricName(pos);
        seriesTo = nameTo;
        labelSpans.clear();
        int p = skipBlanks(nameTo);
        if (p < end && buf[p] == '{') {
            p = labelSet(p + 1);
            seriesTo = p;
            checkUniqueLabelNames();
            p = skipBlanks(p);
        }
        int valueFrom = p;
        while (p < end && !endsValue(buf[p])) {
            p++;
        }
        if (p == valueFrom) {
            throw error("expected value after metric, got " + found(p));
        }
        value = number(valueFrom, p, "value");
        p = skipBlanks(p);
        hasTimestamp = false;
        if (p < end && buf[p] != '\n') {
            if (!isDigit(buf[p])) {
                throw error("expected timestamp or new record, got " + found(p));
            }
            p = timestamp(p);
            p = skipBlanks(p);
            if (p < end && buf[p] != '\n') {
                throw error("expected next entry after timestamp, got " + found(p));
            }
        }
        finishLine(p);
        return Entry.SERIES;
    }

    private int labelSet(int p) throws ParseException {
        while (true) {
            p = skipBlanks(p);
            if (p < end && buf[p] == '}') {
                return p + 1;
            }
            if (p >= end || !isLabelNameStart(buf[p])) {
                throw error("expected label name, got " + found(p));
            }
            int nameFrom = p;
            int labelNameTo = scanLabelName(p);
            p = skipBlanks(labelNameTo);
            if (p >= end || buf[p] != '=') {
                throw error("expected equal sign after label name, got " + found(p));
            }
            p = skipBlanks(p + 1);
            if (p >= end || buf[p] != '"') {
                throw error("expected quoted label value, got " + found(p));
            }
            int close = scanQuoted(p + 1, true);
            labelSpans.add(nameFrom, labelNameTo, p + 1, close);
            p = skipBlanks(close + 1);
            if (p < end && buf[p] == ',') {
                p++;
            }
        }
    }

    private int timestamp(int p) throws ParseException {
        int from = p;
        long ms = 0;
        boolean overflow = false;
        for (; p < end && isDigit(buf[p]); p++) {
            int digit = buf[p] - '0';
            if (ms > (Long.MAX_VALUE - digit) / 10) {
                overflow = true;
            } else {
                ms = ms * 10 + digit;
            }
        }
        if (overflow) {
            throw error("value out of range while parsing timestamp " + quote(from, p));
        }
        hasTimestamp = true;
        timestamp = ms;
        return p;
    }

    private static boolean endsValue(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '{' || c == 0;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t';
    }

    private int skipBlanks(int p) {
        while (p < end && isBlank(buf[p])) {
            p++;
        }
        return p;
    }
}
