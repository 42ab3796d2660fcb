package io.promrelay.web;

import io.promrelay.discovery.DiscoveryHealth;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.scrape.ScrapeTarget;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code GET /service-discovery}: per job, its discovery mechanisms' health and every discovered
 * target with its labels before relabeling, after it ({@code null} when dropped), and why it was
 * dropped — what Prometheus's service-discovery page shows, as JSON.
 */
final class ServiceDiscoveryHandler implements Handler<RoutingContext> {
    private final Supplier<List<ScrapePool>> pools;
    private final Function<String, List<DiscoveryHealth>> discoveryHealth;

    ServiceDiscoveryHandler(Supplier<List<ScrapePool>> pools,
                            Function<String, List<DiscoveryHealth>> discoveryHealth) {
        this.pools = pools;
        this.discoveryHealth = discoveryHealth;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonArray jobs = new JsonArray();
        for (ScrapePool pool : pools.get()) {
            JsonArray discovery = new JsonArray();
            discoveryHealth.apply(pool.jobName()).forEach(h -> discovery.add(TargetsHandler.healthJson(pool.jobName(), h)));
            JsonArray targets = new JsonArray();
            for (ScrapeTarget t : pool.activeTargets()) {
                targets.add(new JsonObject().put("discoveredLabels", TargetsHandler.labels(t.discoveredLabels()))
                        .put("labels", TargetsHandler.labels(t.labels())).putNull("dropReason"));
            }
            for (ScrapePool.DroppedTarget d : pool.droppedTargets()) {
                targets.add(new JsonObject().put("discoveredLabels", TargetsHandler.labels(d.discoveredLabels()))
                        .putNull("labels").put("dropReason", d.reason()));
            }
            jobs.add(new JsonObject().put("scrapePool", pool.jobName()).put("discovery", discovery)
                    .put("targets", targets));
        }
        ApiResponses.success(ctx, new JsonObject().put("scrapePools", jobs));
    }
}
