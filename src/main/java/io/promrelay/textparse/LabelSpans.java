package io.promrelay.textparse;

import io.promrelay.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where each label name and (still escaped, unquoted) value of one label set sits in the input.
 * Strings are only made when someone asks for the labels.
 */
final class LabelSpans {
    private static final byte[] METRIC_NAME = Labels.METRIC_NAME.getBytes(StandardCharsets.US_ASCII);

    private int[] spans = new int[64];
    private int size;

    void clear() {
        size = 0;
    }

    void add(int nameFrom, int nameTo, int valueFrom, int valueTo) {
        if (size + 4 > spans.length) {
            spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[size++] = nameFrom;
        spans[size++] = nameTo;
        spans[size++] = valueFrom;
        spans[size++] = valueTo;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Adds the labels to the builder; empty values are left out, as Prometheus drops them. */
    void addTo(Labels.Builder into, byte[] b) {
        for (int i = 0; i < size; i += 4) {
            if (spans[i + 2] == spans[i + 3]) {
                continue;
            }
            into.set(new String(b, spans[i], spans[i + 1] - spans[i], StandardCharsets.ISO_8859_1),
                    Escapes.unescape(b, spans[i + 2], spans[i + 3], true));
        }
    }

    /**
     * The first label name that occurs twice with non-empty values, counting the metric name as
     * {@code __name__}; null when none does. Prometheus refuses such a series when appending it,
     * failing the whole scrape, so it is checked here where it is cheap.
     */
    String duplicateName(byte[] b) {
        boolean increasing = true;
        for (int i = 0; i < size; i += 4) {
            if (sameName(b, i, METRIC_NAME) && spans[i + 2] != spans[i + 3]) {
                return Labels.METRIC_NAME;
            }
            if (i > 0 && compareNames(b, i - 4, i) >= 0) {
                increasing = false;
            }
        }
        // Exporters nearly always sort label names; a strictly increasing list has no repeats.
        return increasing ? null : repeatedName(b);
    }

    private String repeatedName(byte[] b) {
        for (int i = 0; i < size; i += 4) {
            if (spans[i + 2] == spans[i + 3]) {
                continue;
            }
            for (int j = i + 4; j < size; j += 4) {
                if (spans[j + 2] != spans[j + 3] && compareNames(b, i, j) == 0) {
                    return new String(b, spans[i], spans[i + 1] - spans[i], StandardCharsets.ISO_8859_1);
                }
            }
        }
        return null;
    }

    private boolean sameName(byte[] b, int span, byte[] name) {
        return spans[span + 1] - spans[span] == name.length && Arrays.equals(b, spans[span], spans[span + 1], name, 0, name.length);
    }

    private int compareNames(byte[] b, int left, int right) {
        return Arrays.compare(b, spans[left], spans[left + 1], b, spans[right], spans[right + 1]);
    }
}
