package io.promrelay.promql;

import io.promrelay.model.Labels;
import java.util.List;

/**
 * The value of a query, one of the four result types of the query API. Timestamps are Unix
 * milliseconds. The order of a vector's samples is the order Prometheus returns them in (it matters
 * after sort() and topk()); a matrix's series are sorted by labels.
 */
public sealed interface QueryResult {
    ValueType type();

    record Scalar(long timestampMillis, double value) implements QueryResult {
        @Override
        public ValueType type() { return ValueType.SCALAR; }
    }

    record Str(long timestampMillis, String value) implements QueryResult {
        @Override
        public ValueType type() { return ValueType.STRING; }
    }

    record Vector(List<Sample> samples) implements QueryResult {
        public Vector {
            samples = List.copyOf(samples);
        }

        @Override
        public ValueType type() { return ValueType.VECTOR; }
    }

    record Matrix(List<Series> series) implements QueryResult {
        public Matrix {
            series = List.copyOf(series);
        }

        @Override
        public ValueType type() { return ValueType.MATRIX; }
    }

    record Sample(Labels labels, long timestampMillis, double value) {
    }

    /** One series of a matrix; {@code timestamps} and {@code values} have the same length and are read-only. */
    record Series(Labels labels, long[] timestamps, double[] values) {
        public int size() {
            return timestamps.length;
        }
    }
}
