package io.promrelay.web;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.discovery.DiscoveryHealth;
import io.promrelay.model.Labels;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.scrape.ScrapeTarget;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/targets} in Prometheus's JSON shape, with {@code state=active|dropped|any}, plus
 * {@code discovery}: per job and mechanism that can fail, its health and last error, so a stale target
 * list is explained.
 */
final class TargetsHandler implements Handler<RoutingContext> {
    private final Supplier<List<ScrapePool>> pools;
    private final Function<String, List<DiscoveryHealth>> discoveryHealth;

    TargetsHandler(Supplier<List<ScrapePool>> pools, Function<String, List<DiscoveryHealth>> discoveryHealth) {
        this.pools = pools;
        this.discoveryHealth = discoveryHealth;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String state = ctx.queryParams().get("state");
        if (state != null && !state.isEmpty() && !List.of("active", "dropped", "any").contains(state)) {
            ApiResponses.error(ctx, 400, "bad_data", "invalid state \"" + state + "\": use active, dropped or any");
            return;
        }
        boolean active = state == null || state.isEmpty() || !state.equals("dropped");
        boolean dropped = state == null || state.isEmpty() || !state.equals("active");
        JsonArray activeTargets = new JsonArray();
        JsonArray droppedTargets = new JsonArray();
        JsonArray discovery = new JsonArray();
        for (ScrapePool pool : pools.get()) {
            for (DiscoveryHealth h : discoveryHealth.apply(pool.jobName())) {
                discovery.add(healthJson(pool.jobName(), h));
            }
            if (active) {
                for (ScrapeTarget t : pool.activeTargets()) {
                    activeTargets.add(toJson(pool, t));
                }
            }
            if (dropped) {
                for (ScrapePool.DroppedTarget d : pool.droppedTargets()) {
                    droppedTargets.add(new JsonObject().put("discoveredLabels", labels(d.discoveredLabels())));
                }
            }
        }
        ApiResponses.success(ctx, new JsonObject().put("activeTargets", activeTargets).put("droppedTargets", droppedTargets)
                .put("discovery", discovery));
    }

    private static JsonObject toJson(ScrapePool pool, ScrapeTarget t) {
        ScrapeTarget.LastScrape last = t.lastScrape();
        String lastScrape = last.startMillis() == 0 ? "0001-01-01T00:00:00Z" : Instant.ofEpochMilli(last.startMillis()).toString();
        return new JsonObject()
                .put("discoveredLabels", labels(t.discoveredLabels()))
                .put("labels", labels(t.labels()))
                .put("scrapePool", pool.jobName())
                .put("scrapeUrl", t.url())
                .put("globalUrl", t.url())
                .put("lastError", last.error())
                .put("lastScrape", lastScrape)
                .put("lastScrapeDuration", last.durationSeconds())
                .put("health", last.health().word())
                .put("scrapeInterval", PrometheusDuration.format(pool.config().scrapeInterval()))
                .put("scrapeTimeout", PrometheusDuration.format(pool.config().scrapeTimeout()));
    }

    static JsonObject healthJson(String job, DiscoveryHealth h) {
        return new JsonObject().put("scrapePool", job).put("mechanism", h.mechanism())
                .put("health", h.healthy() ? "up" : "down")
                .put("lastError", h.healthy() ? "" : h.lastError())
                .put("failures", h.failures());
    }

    static JsonObject labels(Labels labels) {
        JsonObject o = new JsonObject();
        labels.forEach(o::put);
        return o;
    }
}
