package io.promrelay.web;

import io.promrelay.model.GoFloat;
import io.promrelay.model.Labels;
import io.promrelay.promql.QueryResult;
import io.vertx.core.json.Json;
import java.math.BigDecimal;

/**
 * Query results in the JSON of Prometheus's API, written by hand because the numbers must read exactly as
 * Prometheus writes them: timestamps as seconds with up to three decimals ({@code 1435781451.781}), sample
 * values as strings in Go's shortest form ({@code "1"}, {@code "0.25"}, {@code "NaN"}, {@code "+Inf"}).
 */
final class ApiJson {
    private ApiJson() {
    }

    /** The {@code data} of a query answer: {@code {"resultType":...,"result":...}}. */
    static String queryData(QueryResult result) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"resultType\":\"").append(result.type().apiName()).append("\",\"result\":");
        if (result instanceof QueryResult.Scalar s) {
            point(out, s.timestampMillis(), s.value());
        } else if (result instanceof QueryResult.Str s) {
            out.append('[');
            timestamp(out, s.timestampMillis());
            out.append(',').append(Json.encode(s.value())).append(']');
        } else if (result instanceof QueryResult.Vector v) {
            vector(out, v);
        } else {
            matrix(out, (QueryResult.Matrix) result);
        }
        return out.append('}').toString();
    }

    private static void vector(StringBuilder out, QueryResult.Vector v) {
        out.append('[');
        for (int i = 0; i < v.samples().size(); i++) {
            QueryResult.Sample sample = v.samples().get(i);
            out.append(i == 0 ? "" : ",").append("{\"metric\":");
            labels(out, sample.labels());
            out.append(",\"value\":");
            point(out, sample.timestampMillis(), sample.value());
            out.append('}');
        }
        out.append(']');
    }

    private static void matrix(StringBuilder out, QueryResult.Matrix m) {
        out.append('[');
        for (int i = 0; i < m.series().size(); i++) {
            QueryResult.Series series = m.series().get(i);
            out.append(i == 0 ? "" : ",").append("{\"metric\":");
            labels(out, series.labels());
            out.append(",\"values\":[");
            for (int j = 0; j < series.size(); j++) {
                out.append(j == 0 ? "" : ",");
                point(out, series.timestamps()[j], series.values()[j]);
            }
            out.append("]}");
        }
        out.append(']');
    }

    static void labels(StringBuilder out, Labels labels) {
        out.append('{');
        for (int i = 0; i < labels.size(); i++) {
            out.append(i == 0 ? "" : ",").append(Json.encode(labels.name(i))).append(':')
                    .append(Json.encode(labels.value(i)));
        }
        out.append('}');
    }

    private static void point(StringBuilder out, long timestampMillis, double value) {
        out.append('[');
        timestamp(out, timestampMillis);
        out.append(",\"").append(value(value)).append("\"]");
    }

    /** Seconds, then the milliseconds as three digits when there are any: 1.5 s is {@code 1.500}. */
    static void timestamp(StringBuilder out, long millis) {
        if (millis < 0) {
            out.append('-');
        }
        long abs = Math.abs(millis);
        out.append(abs / 1000);
        long fraction = abs % 1000;
        if (fraction != 0) {
            out.append('.');
            if (fraction < 100) {
                out.append('0');
            }
            if (fraction < 10) {
                out.append('0');
            }
            out.append(fraction);
        }
    }

    /**
     * Go's {@code FormatFloat(v, 'f', -1, 64)}, except below 1e-6 and from 1e21 on, where Prometheus switches to
     * the exponent form {@code 'e'} so that tiny and huge values stay short.
     */
    static String value(double v) {
        String shortest = GoFloat.format(v);
        double abs = Math.abs(v);
        boolean exponentForm = abs != 0 && (abs < 1e-6 || abs >= 1e21);
        if (exponentForm || Double.isNaN(v) || Double.isInfinite(v) || shortest.indexOf('e') < 0) {
            return shortest;
        }
        return new BigDecimal(shortest).toPlainString();
    }
}
