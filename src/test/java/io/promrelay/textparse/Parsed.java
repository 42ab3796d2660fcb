package io.promrelay.textparse;

import io.promrelay.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Everything a parser reports for one body, drained into plain values so tests can compare them. */
record Parsed(List<Item> items) {

    sealed interface Item permits Sample, Meta, Comment {
    }

    record Sample(String series, Labels labels, double value, Long timestamp, Exemplar exemplar, int line)
            implements Item {
    }

    record Meta(Parser.Entry kind, String family, String text) implements Item {
    }

    record Comment(int line) implements Item {
    }

    static Parsed text(String body) throws ParseException {
        return drain(new TextParser(bytes(body), bytes(body).length));
    }

    static Parsed openMetrics(String body) throws ParseException {
        return drain(new OpenMetricsParser(bytes(body), bytes(body).length));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static Parsed drain(Parser p) throws ParseException {
        List<Item> items = new ArrayList<>();
        Labels.Builder builder = new Labels.Builder();
        for (Parser.Entry e = p.next(); e != Parser.Entry.EOF; e = p.next()) {
            switch (e) {
                case SERIES -> {
                    p.labels(builder);
                    Exemplar ex = new Exemplar();
                    String series = new String(p.seriesBytes(), p.seriesOffset(), p.seriesLength(), StandardCharsets.UTF_8);
                    items.add(new Sample(series, builder.build(), p.value(), p.hasTimestamp() ? p.timestamp() : null,
                            p.exemplar(ex) ? ex : null, p.lineNumber()));
                }
                case HELP -> items.add(new Meta(e, p.familyName(), p.help()));
                case TYPE -> items.add(new Meta(e, p.familyName(), p.type().word()));
                case UNIT -> items.add(new Meta(e, p.familyName(), p.unit()));
                case COMMENT -> items.add(new Comment(p.lineNumber()));
                default -> throw new AssertionError(e);
            }
        }
        return new Parsed(items);
    }

    List<Sample> samples() {
        return items.stream().filter(Sample.class::isInstance).map(Sample.class::cast).toList();
    }

    Sample sample(int i) {
        return samples().get(i);
    }

    List<Meta> metadata() {
        return items.stream().filter(Meta.class::isInstance).map(Meta.class::cast).toList();
    }
}
