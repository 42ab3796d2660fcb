package io.promrelay.web;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigRenderer;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.storage.HeadStats;
import io.vertx.ext.web.Router;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** The pages for people: server-rendered HTML at /status, /targets, /service-discovery and /config. */
public final class HumanPages {
    private HumanPages() {
    }

    /** Adds the pages to {@code router}; {@code /} leads to the status page. {@code config} is the one in force. */
    public static void mount(Router router, Supplier<List<ScrapePool>> pools, Supplier<Config> config,
                             Supplier<HeadStats> buffer,
                             ForwardingStatus forwarding, Instant started) {
        router.get("/").handler(ctx -> ctx.redirect("/status"));
        router.get("/status").handler(new StatusPage(pools, buffer, forwarding, started));
        router.get("/targets").handler(new TargetsPage(pools));
        router.get("/service-discovery").handler(new ServiceDiscoveryPage(pools));
        router.get("/config").handler(ctx -> {
            Config current = config.get();
            Html.send(ctx, "Configuration", "<p class=\"muted\">The effective configuration of "
                    + Html.escape(String.valueOf(current.file()))
                    + ", defaults filled in and secrets shown as &lt;secret&gt;.</p><pre>"
                    + Html.escape(ConfigRenderer.toYaml(current)) + "</pre>");
        });
    }
}
