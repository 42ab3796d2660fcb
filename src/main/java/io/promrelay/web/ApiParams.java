package io.promrelay.web;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.model.Matcher;
import io.promrelay.promql.SeriesSelectorParser;
import io.vertx.core.MultiMap;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The parameters of one API call, from the URL and from a form body alike, read as Prometheus reads them.
 * Every problem is an {@link ApiError} of type bad_data worded as Prometheus words it.
 */
final class ApiParams {
    /** Prometheus's stand-ins for "no bound" on series and label lookups. */
    static final long MIN_TIME = Long.MIN_VALUE;
    static final long MAX_TIME = Long.MAX_VALUE;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final MultiMap form;
    private final MultiMap query;

    /** {@code form} is the request body's fields (empty for GET), {@code query} the URL's. */
    ApiParams(MultiMap form, MultiMap query) {
        this.form = form;
        this.query = query;
    }

    /** The first value of {@code name}, the body's before the URL's, or "" when it is absent, as Go's FormValue. */
    String value(String name) {
        String v = form.get(name);
        if (v == null) {
            v = query.get(name);
        }
        return v == null ? "" : v;
    }

    private List<String> values(String name) {
        List<String> all = new ArrayList<>(form.getAll(name));
        all.addAll(query.getAll(name));
        return all;
    }

    /** A time parameter in Unix milliseconds, or {@code absent} when it is missing or empty. */
    long time(String name, long absent) {
        String v = value(name);
        if (v.isEmpty()) {
            return absent;
        }
        try {
            return parseTime(v);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParam(name, "Invalid time value for '" + name + "': " + e.getMessage());
        }
    }

    /** A time parameter that must be there: start and end of a range query. */
    long requiredTime(String name) {
        try {
            return parseTime(value(name));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidParam(name, e.getMessage());
        }
    }

    /** A duration in nanoseconds: float seconds ({@code 15}, {@code 0.5}) or Prometheus's form ({@code 1m30s}). */
    long durationNanos(String name) {
        String v = value(name);
        if (DECIMAL.matcher(v).matches()) {
            double nanos = Double.parseDouble(v) * 1e9;
            if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
                throw ApiError.invalidParam(name, "cannot parse \"" + v + "\" to a valid duration. It overflows int64");
            }
            return (long) nanos;
        }
        try {
            return Math.multiplyExact(PrometheusDuration.parse(v).toMillis(), 1_000_000L);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw ApiError.invalidParam(name, "cannot parse \"" + v + "\" to a valid duration");
        }
    }

    boolean has(String name) {
        return !value(name).isEmpty();
    }

    /**
     * The selectors of every {@code match[]} (the parser refuses selectors that would match every series, as
     * Prometheus's does). Prometheus names
     * the parameter in parse errors of /series only, hence {@code nameParameter}.
     */
    List<List<Matcher>> matchers(boolean nameParameter) {
        List<List<Matcher>> sets = new ArrayList<>();
        for (String selector : values("match[]")) {
            try {
                sets.add(SeriesSelectorParser.parse(selector));
            } catch (IllegalArgumentException e) {
                throw nameParameter ? ApiError.invalidParam("match[]", e.getMessage()) : ApiError.badData(e.getMessage());
            }
        }
        return sets;
    }

    /** {@code limit} as Prometheus 2.49+ takes it on series and label lookups: 0 or absent for none. */
    int limit() {
        String v = value("limit");
        if (v.isEmpty()) {
            return 0;
        }
        try {
            int limit = Integer.parseInt(v);
            if (limit < 0) {
                throw ApiError.invalidParam("limit", "limit must be non-negative");
            }
            return limit;
        } catch (NumberFormatException e) {
            throw ApiError.invalidParam("limit", "cannot parse \"" + v + "\" to a valid limit");
        }
    }

    static void requireLabelName(String name) {
        if (!LABEL_NAME.matcher(name).matches()) {
            throw ApiError.badData("invalid label name: \"" + name + "\"");
        }
    }

    /**
     * Unix seconds with decimals, or RFC 3339. Seconds are converted as Prometheus does: the fraction is rounded to
     * milliseconds in floating point and then truncated to nanoseconds, which is why 0.57 s can read as 569 ms
     * there too; keeping the quirk keeps instants identical to Prometheus's.
     */
    static long parseTime(String v) {
        if (DECIMAL.matcher(v).matches()) {
            double t = Double.parseDouble(v);
            double whole = t < 0 ? Math.ceil(t) : Math.floor(t);
            double fraction = t - whole;
            double roundedFraction = Math.signum(fraction) * Math.floor(Math.abs(fraction) * 1000 + 0.5) / 1000;
            long nanos = (long) (roundedFraction * 1e9);
            long seconds = (long) whole + Math.floorDiv(nanos, 1_000_000_000L);
            long nanoOfSecond = Math.floorMod(nanos, 1_000_000_000L);
            return seconds * 1000 + nanoOfSecond / 1_000_000;
        }
        try {
            OffsetDateTime time = OffsetDateTime.parse(v, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            return time.toEpochSecond() * 1000 + time.getNano() / 1_000_000;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("cannot parse \"" + v + "\" to a valid timestamp");
        }
    }
}
