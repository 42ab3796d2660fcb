package io.promrelay.web;

import io.promrelay.model.Version;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.scrape.ScrapeTarget;
import io.promrelay.scrape.TargetHealth;
import io.promrelay.storage.HeadStats;
import io.promrelay.storage.StorageException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /status}: version and uptime, the buffer's size, targets up and down per job, and forwarding. */
final class StatusPage implements Handler<RoutingContext> {
    private final Supplier<List<ScrapePool>> pools;
    private final Supplier<HeadStats> buffer;
    private final ForwardingStatus forwarding;
    private final Instant started;

    StatusPage(Supplier<List<ScrapePool>> pools, Supplier<HeadStats> buffer, ForwardingStatus forwarding, Instant started) {
        this.pools = pools;
        this.buffer = buffer;
        this.forwarding = forwarding;
        this.started = started;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HeadStats stats = buffer.get();
        StringBuilder body = new StringBuilder("<h2>Relay</h2><table class=\"facts\">");
        fact(body, "Version", Version.VERSION);
        fact(body, "Started", started.truncatedTo(ChronoUnit.SECONDS).toString());
        fact(body, "Uptime", uptime(Duration.between(started, Instant.now())));
        body.append("</table><h2>Buffer</h2><table class=\"facts\">");
        fact(body, "Active series", Long.toString(stats.activeSeries()));
        fact(body, "Samples held", Long.toString(stats.samplesStored()));
        fact(body, "Compressed chunk bytes", Long.toString(stats.chunkBytes()));
        fact(body, "Estimated bytes", String.format(Locale.ROOT, "%d of the cap of %d (%.1f%%)",
                stats.estimatedBytes(), stats.maxBytes(), 100.0 * stats.estimatedBytes() / stats.maxBytes()));
        fact(body, "Evicted at the byte cap", stats.samplesEvicted() + " samples, " + stats.seriesEvicted() + " series");
        fact(body, "Refused at the byte cap", Long.toString(stats.rejected(StorageException.Kind.BYTES_LIMIT)) + " samples");
        fact(body, "Samples appended since start", Long.toString(stats.samplesAppended()));
        body.append("</table>");
        targets(body);
        forwarding(body);
        Html.send(ctx, "Status", body.toString());
    }

    private void targets(StringBuilder body) {
        body.append("<h2>Scrape jobs</h2><table><tr><th>Job</th><th>Up</th><th>Down</th><th>Not scraped yet</th></tr>");
        for (ScrapePool pool : pools.get()) {
            List<ScrapeTarget> targets = pool.activeTargets();
            body.append("<tr><td><a href=\"/targets#job-").append(Html.escape(pool.jobName())).append("\">")
                    .append(Html.escape(pool.jobName())).append("</a></td>")
                    .append("<td class=\"up\">").append(count(targets, TargetHealth.UP)).append("</td>")
                    .append("<td class=\"down\">").append(count(targets, TargetHealth.DOWN)).append("</td>")
                    .append("<td class=\"unknown\">").append(count(targets, TargetHealth.UNKNOWN)).append("</td></tr>");
        }
        body.append("</table>");
    }

    private void forwarding(StringBuilder body) {
        body.append("<h2>Forwarding</h2>");
        List<ForwardingStatus.Destination> destinations = forwarding.destinations();
        if (destinations.isEmpty()) {
            body.append("<p class=\"muted\">remote write: not configured</p>");
        }
        for (ForwardingStatus.Destination d : destinations) {
            body.append("<table class=\"facts\"><tr><th colspan=\"2\">remote write: ").append(Html.escape(d.name())).append("</th></tr>");
            for (Map.Entry<String, String> fact : d.facts().entrySet()) {
                fact(body, fact.getKey(), fact.getValue());
            }
            body.append("</table>");
        }
    }

    private static long count(List<ScrapeTarget> targets, TargetHealth health) {
        return targets.stream().filter(t -> t.lastScrape().health() == health).count();
    }

    private static void fact(StringBuilder body, String name, String value) {
        body.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>");
    }

    private static String uptime(Duration d) {
        return d.toDaysPart() > 0
                ? String.format("%dd %dh %dm", d.toDaysPart(), d.toHoursPart(), d.toMinutesPart())
                : String.format("%dh %dm %ds", d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart());
    }
}
