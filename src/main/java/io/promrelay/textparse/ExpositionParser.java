package io.promrelay.textparse;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import java.nio.charset.StandardCharsets;

/**
 * What both exposition formats share: the input, the position and line, and the current entry's
 * spans and numbers. The value and timestamp are read in the same pass over the bytes that checks
 * their syntax (a second pass in {@link #value()} would only repeat that work), straight from the
 * bytes with no String on the common path.
 */
abstract sealed class ExpositionParser implements Parser permits TextParser, OpenMetricsParser {
    final byte[] buf;
    final int end;
    int pos;
    /** Line of the byte at {@link #pos}. */
    int line = 1;
    int entryLine = 1;

    int seriesFrom;
    int seriesTo;
    int nameTo;
    final LabelSpans labelSpans = new LabelSpans();
    double value;
    boolean hasTimestamp;
    long timestamp;

    int familyFrom;
    int familyTo;
    MetricType type;
    int textFrom;
    int textTo;

    ExpositionParser(byte[] buf, int length) {
        if (length < 0 || length > buf.length) {
            throw new IllegalArgumentException("length " + length + " outside a buffer of " + buf.length + " bytes");
        }
        this.buf = buf;
        this.end = length;
    }

    /** Whether HELP text escapes double quotes (OpenMetrics) or keeps them (text format). */
    abstract boolean helpEscapesQuotes();

    @Override
    public byte[] seriesBytes() {
        return buf;
    }

    @Override
    public int seriesOffset() {
        return seriesFrom;
    }

    @Override
    public int seriesLength() {
        return seriesTo - seriesFrom;
    }

    @Override
    public void labels(Labels.Builder into) {
        into.reset();
        into.set(Labels.METRIC_NAME, ascii(seriesFrom, nameTo));
        labelSpans.addTo(into, buf);
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public String familyName() {
        return ascii(familyFrom, familyTo);
    }

    @Override
    public MetricType type() {
        return type;
    }

    @Override
    public String help() {
        return Escapes.unescape(buf, textFrom, textTo, helpEscapesQuotes());
    }

    @Override
    public String unit() {
        return new String(buf, textFrom, textTo - textFrom, StandardCharsets.UTF_8);
    }

    @Override
    public int lineNumber() {
        return entryLine;
    }

    // --- scanning helpers shared by both grammars ---

    private static final byte METRIC_START = 1;
    private static final byte LABEL_START = 2;
    private static final byte DIGIT = 4;
    /** Character classes by byte value; one table load beats a chain of range tests in the hot loops. */
    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            CLASSES[c] = (byte) ((letter || c == ':' ? METRIC_START : 0) | (letter ? LABEL_START : 0)
                    | (c >= '0' && c <= '9' ? DIGIT : 0));
        }
    }

    static boolean isMetricNameStart(byte c) {
        return (CLASSES[c & 0xff] & METRIC_START) != 0;
    }

    static boolean isLabelNameStart(byte c) {
        return (CLASSES[c & 0xff] & LABEL_START) != 0;
    }

    static boolean isDigit(byte c) {
        return (CLASSES[c & 0xff] & DIGIT) != 0;
    }

    int scanMetricName(int p) {
        while (p < end && (CLASSES[buf[p] & 0xff] & (METRIC_START | DIGIT)) != 0) {
            p++;
        }
        return p;
    }

    int scanLabelName(int p) {
        while (p < end && (CLASSES[buf[p] & 0xff] & (LABEL_START | DIGIT)) != 0) {
            p++;
        }
        return p;
    }

    int lineEnd(int p) {
        while (p < end && buf[p] != '\n') {
            p++;
        }
        return p;
    }

    /**
     * Scans a label value from just after its opening quote; returns the index of the closing
     * quote. Raw line feeds are allowed only where the text format's lexer allows them.
     */
    int scanQuoted(int p, boolean rawLineFeeds) throws ParseException {
        int from = p;
        boolean nonAscii = false;
        while (p < end) {
            byte c = buf[p];
            if (c > '"' && c != '\\') {
                p++;
                continue;
            }
            if (c == '"') {
                if (nonAscii && !Utf8.isValid(buf, from, p)) {
                    throw error("invalid UTF-8 label value");
                }
                return p;
            }
            if (c == '\\') {
                if (p + 1 >= end || buf[p + 1] == '\n') {
                    break;
                }
                nonAscii |= buf[p + 1] < 0;
                p += 2;
                continue;
            }
            if (c == '\n') {
                if (!rawLineFeeds) {
                    break;
                }
                line++;
            }
            nonAscii |= c < 0;
            p++;
        }
        throw error("unterminated label value");
    }

    /** Reads the series value token [from, to) as Prometheus does. */
    double number(int from, int to, String what) throws ParseException {
        try {
            return GoFloat.parse(buf, from, to);
        } catch (GoFloat.Invalid e) {
            throw error(e.getMessage() + " while parsing " + what + " " + quote(from, to));
        }
    }

    void checkUniqueLabelNames() throws ParseException {
        if (labelSpans.isEmpty()) {
            return;
        }
        String duplicate = labelSpans.duplicateName(buf);
        if (duplicate != null) {
            throw error("label name \"" + duplicate + "\" is not unique in " + quote(seriesFrom, seriesTo));
        }
    }

    boolean textEquals(String word) {
        if (textTo - textFrom != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (buf[textFrom + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Moves past the line feed at {@code p} (or to the end of input). */
    void finishLine(int p) {
        if (p < end) {
            pos = p + 1;
            line++;
        } else {
            pos = end;
        }
    }

    ParseException error(String reason) {
        return new ParseException(line, reason);
    }

    /** What the parser found at {@code p}, for error messages. */
    String found(int p) {
        if (p >= end) {
            return "end of input";
        }
        if (buf[p] == '\n') {
            return "line break";
        }
        int to = p;
        while (to < end && to - p < 32 && buf[to] != '\n' && buf[to] != ' ') {
            to++;
        }
        return quote(p, Math.max(to, p + 1));
    }

    String quote(int from, int to) {
        StringBuilder sb = new StringBuilder("\"");
        String s = new String(buf, from, to - from, StandardCharsets.UTF_8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private String ascii(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
