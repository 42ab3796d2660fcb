package io.promrelay.web;

import io.promrelay.scrape.ScrapePool;
import io.promrelay.scrape.ScrapeTarget;
import io.promrelay.scrape.TargetHealth;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/** {@code /targets}: every job's targets with state, labels, last scrape, and for a failure the error and the fix. */
final class TargetsPage implements Handler<RoutingContext> {
    private final Supplier<List<ScrapePool>> pools;

    TargetsPage(Supplier<List<ScrapePool>> pools) {
        this.pools = pools;
    }

    @Override
    public void handle(RoutingContext ctx) {
        long now = System.currentTimeMillis();
        StringBuilder body = new StringBuilder();
        List<ScrapePool> all = pools.get();
        if (all.isEmpty()) {
            body.append("<p class=\"muted\">No scrape jobs are configured.</p>");
        }
        for (ScrapePool pool : all) {
            List<ScrapeTarget> targets = pool.activeTargets();
            long up = targets.stream().filter(t -> t.lastScrape().health() == TargetHealth.UP).count();
            body.append("<h2 id=\"job-").append(Html.escape(pool.jobName())).append("\">").append(Html.escape(pool.jobName()))
                    .append(" <span class=\"muted\">(").append(up).append('/').append(targets.size()).append(" up)</span></h2>");
            body.append("<table><tr><th>Endpoint</th><th>State</th><th>Labels</th><th>Last scrape</th>"
                    + "<th>Duration</th><th>Error</th></tr>");
            for (ScrapeTarget t : targets) {
                row(body, t, now);
            }
            body.append("</table>");
        }
        Html.send(ctx, "Targets", body.toString());
    }

    private static void row(StringBuilder body, ScrapeTarget t, long now) {
        ScrapeTarget.LastScrape last = t.lastScrape();
        String state = last.health().word();
        body.append(last.health() == TargetHealth.DOWN ? "<tr class=\"failed\">" : "<tr>")
                .append("<td>").append(Html.escape(t.url())).append("</td>")
                .append("<td class=\"").append(state).append("\">").append(state.toUpperCase(Locale.ROOT)).append("</td>")
                .append("<td>").append(Html.labels(t.labels())).append("</td>")
                .append("<td>").append(lastScrape(last, now)).append("</td>")
                .append("<td>").append(last.startMillis() == 0 ? "" : String.format(Locale.ROOT, "%.3fs", last.durationSeconds()))
                .append("</td><td>");
        if (!last.error().isEmpty()) {
            body.append("<div class=\"err\">").append(Html.escape(last.error())).append("</div>")
                    .append("<div class=\"muted\">kind: ").append(Html.escape(last.diagnosis().kind().word())).append("</div>");
            if (!last.diagnosis().hint().isEmpty()) {
                body.append("<div class=\"hint\">Fix: ").append(Html.escape(last.diagnosis().hint())).append("</div>");
            }
        }
        body.append("</td></tr>");
    }

    private static String lastScrape(ScrapeTarget.LastScrape last, long now) {
        if (last.startMillis() == 0) {
            return "never";
        }
        return String.format(Locale.ROOT, "%.1fs ago<br><span class=\"muted\">%s</span>",
                (now - last.startMillis()) / 1000.0, Instant.ofEpochMilli(last.startMillis()));
    }
}
