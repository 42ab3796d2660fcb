package io.promrelay.web;

import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.storage.Querier;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code /api/v1/series}, {@code /api/v1/labels} and {@code /api/v1/label/<name>/values}: lookups in the buffer's
 * index, limited to series with samples between start and end when match[] narrows the lookup.
 */
final class SeriesEndpoints {
    private static final String TRUNCATED = "results truncated due to limit";

    private final Querier querier;
    private final QueryRunner runner;

    SeriesEndpoints(Querier querier, QueryRunner runner) {
        this.querier = querier;
        this.runner = runner;
    }

    void series(RoutingContext ctx, ApiParams params) {
        if (!params.has("match[]")) {
            throw ApiError.badData("no match[] parameter provided");
        }
        long start = params.time("start", ApiParams.MIN_TIME);
        long end = params.time("end", ApiParams.MAX_TIME);
        List<List<Matcher>> selectors = params.matchers(true);
        int limit = params.limit();
        runner.run(ctx, null, budget -> {
            TreeSet<Labels> found = matching(selectors, start, end);
            List<Labels> series = truncate(found, limit);
            StringBuilder json = new StringBuilder(64 * series.size() + 2).append('[');
            for (int i = 0; i < series.size(); i++) {
                json.append(i == 0 ? "" : ",");
                ApiJson.labels(json, series.get(i));
            }
            return answer(json.append(']').toString(), found.size(), series.size());
        });
    }

    void labelNames(RoutingContext ctx, ApiParams params) {
        long start = params.time("start", ApiParams.MIN_TIME);
        long end = params.time("end", ApiParams.MAX_TIME);
        List<List<Matcher>> selectors = params.matchers(false);
        int limit = params.limit();
        runner.run(ctx, null, budget -> {
            Collection<String> names;
            if (selectors.isEmpty()) {
                names = querier.labelNames();
            } else {
                TreeSet<String> set = new TreeSet<>();
                for (Labels labels : matching(selectors, start, end)) {
                    labels.forEach((name, value) -> set.add(name));
                }
                names = set;
            }
            return strings(names, limit);
        });
    }

    void labelValues(RoutingContext ctx, ApiParams params) {
        String name = ctx.pathParam("name");
        ApiParams.requireLabelName(name);
        long start = params.time("start", ApiParams.MIN_TIME);
        long end = params.time("end", ApiParams.MAX_TIME);
        List<List<Matcher>> selectors = params.matchers(false);
        int limit = params.limit();
        runner.run(ctx, null, budget -> {
            Collection<String> values;
            if (selectors.isEmpty()) {
                values = querier.labelValues(name);
            } else {
                TreeSet<String> set = new TreeSet<>();
                for (Labels labels : matching(selectors, start, end)) {
                    String value = labels.get(name);
                    if (value != null && !value.isEmpty()) {
                        set.add(value);
                    }
                }
                values = set;
            }
            return strings(values, limit);
        });
    }

    /** Distinct label sets of the series matching any selector with a sample in [start, end], sorted. */
    private TreeSet<Labels> matching(List<List<Matcher>> selectors, long start, long end) {
        TreeSet<Labels> found = new TreeSet<>();
        for (List<Matcher> selector : selectors) {
            for (long ref : querier.select(selector)) {
                Labels labels = querier.labels(ref);
                if (labels != null && !found.contains(labels) && querier.samples(ref, start, end).next()) {
                    found.add(labels);
                }
            }
        }
        return found;
    }

    private static QueryRunner.Answer strings(Collection<String> all, int limit) {
        List<String> kept = truncate(all, limit);
        return answer(Json.encode(kept), all.size(), kept.size());
    }

    private static <T> List<T> truncate(Collection<T> all, int limit) {
        List<T> kept = new ArrayList<>(limit > 0 ? Math.min(limit, all.size()) : all.size());
        for (T t : all) {
            if (limit > 0 && kept.size() == limit) {
                break;
            }
            kept.add(t);
        }
        return kept;
    }

    private static QueryRunner.Answer answer(String json, int found, int kept) {
        return new QueryRunner.Answer(json, kept < found ? List.of(TRUNCATED) : List.of());
    }
}
