package io.promrelay.web;

import io.promrelay.discovery.DiscoveryFailure;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.scrape.ScrapeTarget;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /service-discovery}: what discovery found for each job, the labels before and after relabeling, and
 * the targets that were dropped with the reason, which is where a wrong relabel rule shows.
 */
final class ServiceDiscoveryPage implements Handler<RoutingContext> {
    private final Supplier<List<ScrapePool>> pools;

    ServiceDiscoveryPage(Supplier<List<ScrapePool>> pools) {
        this.pools = pools;
    }

    @Override
    public void handle(RoutingContext ctx) {
        StringBuilder body = new StringBuilder();
        for (ScrapePool pool : pools.get()) {
            List<ScrapeTarget> active = pool.activeTargets();
            List<ScrapePool.DroppedTarget> dropped = pool.droppedTargets();
            body.append("<h2>").append(Html.escape(pool.jobName())).append(" <span class=\"muted\">(")
                    .append(active.size()).append(" active, ").append(dropped.size()).append(" dropped)</span></h2>")
                    .append("<table><tr><th>Discovered labels</th><th>Target labels after relabeling</th></tr>");
            for (DiscoveryFailure f : pool.discoveryFailures()) {
                body.append("<tr class=\"failed\"><td>").append(Html.escape(f.mechanism())).append(" discovery failed ")
                        .append(f.failures()).append(" time(s), last at ")
                        .append(Html.escape(Instant.ofEpochMilli(f.lastFailureMillis()).toString()))
                        .append("; the last targets found are kept</td><td class=\"down\">")
                        .append(Html.escape(f.lastReason())).append("</td></tr>");
            }
            for (ScrapeTarget t : active) {
                body.append("<tr><td>").append(Html.labels(t.discoveredLabels())).append("</td><td>")
                        .append(Html.labels(t.labels())).append("</td></tr>");
            }
            for (ScrapePool.DroppedTarget d : dropped) {
                body.append("<tr class=\"failed\"><td>").append(Html.labels(d.discoveredLabels()))
                        .append("</td><td class=\"down\">Dropped: ").append(Html.escape(d.reason())).append("</td></tr>");
            }
            body.append("</table>");
        }
        Html.send(ctx, "Service discovery", body.toString());
    }
}
