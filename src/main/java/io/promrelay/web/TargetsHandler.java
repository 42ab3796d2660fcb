package io.promrelay.web;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.discovery.DiscoveryFailure;
import io.promrelay.model.Labels;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.scrape.ScrapeTarget;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** {@code GET /api/v1/targets} in Prometheus's JSON shape, with {@code state=active|dropped|any}. */
final class TargetsHandler implements Handler<RoutingContext> {
    private final Supplier<List<ScrapePool>> pools;

    TargetsHandler(Supplier<List<ScrapePool>> pools) {
        this.pools = pools;
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
        JsonArray discoveryFailures = new JsonArray();
        for (ScrapePool pool : pools.get()) {
            for (DiscoveryFailure f : pool.discoveryFailures()) {
                discoveryFailures.add(new JsonObject()
                        .put("scrapePool", pool.jobName())
                        .put("mechanism", f.mechanism())
                        .put("lastError", f.lastReason())
                        .put("lastFailure", Instant.ofEpochMilli(f.lastFailureMillis()).toString())
                        .put("failures", f.failures()));
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
        // discoveryFailures is promrelay's addition: Prometheus only logs failed discovery refreshes.
        ApiResponses.success(ctx, new JsonObject().put("activeTargets", activeTargets).put("droppedTargets", droppedTargets)
                .put("discoveryFailures", discoveryFailures));
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
                .put("lastErrorKind", last.diagnosis().kind().word())
                .put("lastErrorHint", last.diagnosis().hint())
                .put("lastScrape", lastScrape)
                .put("lastScrapeDuration", last.durationSeconds())
                .put("health", last.health().word())
                .put("scrapeInterval", PrometheusDuration.format(pool.config().scrapeInterval()))
                .put("scrapeTimeout", PrometheusDuration.format(pool.config().scrapeTimeout()));
    }

    private static JsonObject labels(Labels labels) {
        JsonObject o = new JsonObject();
        labels.forEach(o::put);
        return o;
    }
}
