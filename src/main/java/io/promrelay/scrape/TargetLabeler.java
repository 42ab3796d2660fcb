package io.promrelay.scrape;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a discovered target into a scrape target as Prometheus's PopulateLabels does: job and
 * scrape settings become {@code __}-labels that relabel_configs can read and override, relabeling
 * may drop the target, {@code instance} defaults to the address, and labels starting with
 * {@code __} are removed afterwards.
 */
final class TargetLabeler {
    private final ScrapeConfig config;
    private final Relabeler relabeler;

    TargetLabeler(ScrapeConfig config, Relabeler relabeler) {
        this.config = config;
        this.relabeler = relabeler;
    }

    /** A target that relabeling kept, or the reason it cannot be scraped. */
    sealed interface Result permits Kept, Dropped, Invalid {
    }

    record Kept(ScrapeTarget target) implements Result {
    }

    record Dropped(Labels discoveredLabels) implements Result {
    }

    record Invalid(Labels discoveredLabels, String reason) implements Result {
    }

    Result label(Labels targetLabels, Labels groupLabels) {
        Labels.Builder b = new Labels.Builder();
        groupLabels.forEach(b::set);
        targetLabels.forEach(b::set);
        setDefault(b, "job", config.jobName());
        setDefault(b, "__scrape_interval__", PrometheusDuration.format(config.scrapeInterval()));
        setDefault(b, "__scrape_timeout__", PrometheusDuration.format(config.scrapeTimeout()));
        setDefault(b, "__metrics_path__", config.metricsPath());
        setDefault(b, "__scheme__", config.scheme());
        for (Map.Entry<String, List<String>> param : config.params().entrySet()) {
            if (!param.getValue().isEmpty()) {
                setDefault(b, "__param_" + param.getKey(), param.getValue().get(0));
            }
        }
        Labels discovered = b.build();
        Labels relabeled = relabeler.process(discovered);
        if (relabeled == null) {
            return new Dropped(discovered);
        }
        String address = relabeled.get("__address__");
        if (address == null) {
            return new Invalid(discovered, "no address");
        }
        if (address.contains("/")) {
            return new Invalid(discovered, "invalid address \"" + address + "\": must be host:port without scheme or path");
        }
        Labels.Builder out = new Labels.Builder();
        relabeled.forEach((name, value) -> {
            if (!name.startsWith("__")) {
                out.set(name, value);
            }
        });
        if (out.get("instance") == null) {
            out.set("instance", address);
        }
        String url = relabeled.get("__scheme__") + "://" + address + relabeled.get("__metrics_path__") + query(relabeled);
        return new Kept(new ScrapeTarget(config.jobName(), discovered, out.build(), url));
    }

    private static void setDefault(Labels.Builder b, String name, String value) {
        if (b.get(name) == null) {
            b.set(name, value);
        }
    }

    /**
     * The URL query: every configured param with all its values, where a {@code __param_<name>}
     * label (possibly set by relabeling) replaces the first value, as Prometheus does.
     */
    private String query(Labels relabeled) {
        StringBuilder q = new StringBuilder();
        Set<String> names = new TreeSet<>(config.params().keySet());
        relabeled.forEach((name, value) -> {
            if (name.startsWith("__param_")) {
                names.add(name.substring("__param_".length()));
            }
        });
        for (String name : names) {
            List<String> values = new ArrayList<>(config.params().getOrDefault(name, List.of()));
            String fromLabel = relabeled.get("__param_" + name);
            if (fromLabel != null) {
                if (values.isEmpty()) {
                    values.add(fromLabel);
                } else {
                    values.set(0, fromLabel);
                }
            }
            for (String v : values) {
                q.append(q.length() == 0 ? '?' : '&').append(encode(name)).append('=').append(encode(v));
            }
        }
        return q.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
