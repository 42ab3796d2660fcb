package io.promrelay.fuzz;

import io.promrelay.model.GoFloat;
import io.promrelay.model.LabelEscaping;
import io.promrelay.model.Labels;
import io.promrelay.textparse.Exemplar;
import io.promrelay.textparse.ExpositionFormat;
import io.promrelay.textparse.ParseException;
import io.promrelay.textparse.Parser;
import java.nio.charset.StandardCharsets;

/**
 * What must hold for any scrape body: the parser chosen by the response's Content-Type reads it to the
 * end or throws {@link ParseException}; it always moves forward; every accessor of every entry works;
 * and every series it yields, written out again in the text format (escaped as /federate escapes it)
 * and parsed again, gives the same labels, value bits and (where the text format can write it) timestamp.
 */
final class ExpositionProperty {
    static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private ExpositionProperty() {
    }

    static void check(String contentType, byte[] body) {
        ParseContract.parsesOrRefuses(ParseException.class,
                () -> readAll(ExpositionFormat.parserFor(contentType, body, body.length), body.length));
    }

    private static void readAll(Parser parser, int length) throws ParseException {
        Labels.Builder builder = new Labels.Builder();
        Exemplar exemplar = new Exemplar();
        int entries = 0;
        for (Parser.Entry e = parser.next(); e != Parser.Entry.EOF; e = parser.next()) {
            // Every entry consumes at least one byte, so more entries than bytes means the parser is stuck.
            if (++entries > length) {
                throw new AssertionError("parser returned " + entries + " entries from " + length + " bytes");
            }
            switch (e) {
                case SERIES -> {
                    parser.labels(builder);
                    parser.exemplar(exemplar);
                    // The text format's timestamp is digits only (as Prometheus's lexer reads it), so an
                    // OpenMetrics timestamp before 1970 has no text form and is left out of the round trip.
                    boolean textTimestamp = parser.hasTimestamp() && parser.timestamp() >= 0;
                    reparse(builder.build(), parser.value(), textTimestamp, parser.timestamp());
                }
                case HELP -> readText(parser.familyName(), parser.help());
                case TYPE -> readText(parser.familyName(), parser.type().word());
                case UNIT -> readText(parser.familyName(), parser.unit());
                case COMMENT -> parser.lineNumber();
                default -> throw new AssertionError("unexpected entry " + e);
            }
        }
    }

    private static void readText(String family, String text) {
        if (family == null || text == null) {
            throw new AssertionError("metadata entry without family or text");
        }
    }

    private static void reparse(Labels labels, double value, boolean hasTimestamp, long timestamp) {
        String line = render(labels, value, hasTimestamp, timestamp);
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        Parser again = ExpositionFormat.TEXT.parser(bytes, bytes.length);
        Labels.Builder builder = new Labels.Builder();
        try {
            if (again.next() != Parser.Entry.SERIES) {
                throw new AssertionError("re-rendered series is not a series: " + line);
            }
            again.labels(builder);
            Labels reparsed = builder.build();
            if (!reparsed.equals(labels)) {
                throw new AssertionError("labels changed from " + labels + " to " + reparsed + " through " + line);
            }
            if (Double.doubleToRawLongBits(again.value()) != Double.doubleToRawLongBits(value)) {
                throw new AssertionError("value bits changed from " + Long.toHexString(Double.doubleToRawLongBits(value))
                        + " to " + Long.toHexString(Double.doubleToRawLongBits(again.value())) + " through " + line);
            }
            if (again.hasTimestamp() != hasTimestamp || (hasTimestamp && again.timestamp() != timestamp)) {
                throw new AssertionError("timestamp changed through " + line);
            }
            if (again.next() != Parser.Entry.EOF) {
                throw new AssertionError("re-rendered series is more than one entry: " + line);
            }
        } catch (ParseException e) {
            throw new AssertionError("re-rendered series " + line + " does not parse: " + e.getMessage(), e);
        }
    }

    private static String render(Labels labels, double value, boolean hasTimestamp, long timestamp) {
        StringBuilder out = new StringBuilder();
        String name = labels.metricName();
        out.append(name == null ? "" : name).append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (labels.name(i).equals(Labels.METRIC_NAME)) {
                continue;
            }
            out.append(labels.name(i)).append("=\"");
            LabelEscaping.escapeValue(labels.value(i), out);
            out.append("\",");
        }
        out.append("} ");
        GoFloat.append(value, out);
        if (hasTimestamp) {
            out.append(' ').append(timestamp);
        }
        return out.append('\n').toString();
    }
}
