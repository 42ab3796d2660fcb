package io.promrelay.web;

import io.promrelay.model.Version;
import io.promrelay.storage.MetadataStore;
import io.promrelay.storage.MetricMetadata;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /api/v1/status/buildinfo}, {@code /api/v1/status/config} and {@code /api/v1/metadata}. */
final class StatusEndpoints {
    /**
     * The Prometheus version whose API the relay answers like. Grafana reads buildinfo's version to decide which
     * API features it may use, so it must be a Prometheus version; the relay's own version goes in revision.
     */
    static final String API_VERSION = "2.42.0";

    private final Supplier<String> configYaml;
    private final MetadataStore metadata;
    private final QueryRunner runner;

    StatusEndpoints(Supplier<String> configYaml, MetadataStore metadata, QueryRunner runner) {
        this.configYaml = configYaml;
        this.metadata = metadata;
        this.runner = runner;
    }

    void buildInfo(RoutingContext ctx, ApiParams params) {
        ApiResponses.success(ctx, new JsonObject()
                .put("version", API_VERSION)
                .put("revision", "promrelay-" + Version.VERSION)
                .put("branch", "promrelay")
                .put("buildUser", "")
                .put("buildDate", "")
                .put("goVersion", "java" + Runtime.version().feature()));
    }

    /** The effective configuration with every secret shown as {@code <secret>}. */
    void config(RoutingContext ctx, ApiParams params) {
        ApiResponses.success(ctx, new JsonObject().put("yaml", configYaml.get()));
    }

    /** Metadata by family name as the targets described it; {@code limit} families at most, or {@code metric}'s. */
    void metadata(RoutingContext ctx, ApiParams params) {
        int limit = -1;
        if (params.has("limit")) {
            try {
                limit = Integer.parseInt(params.value("limit"));
            } catch (NumberFormatException e) {
                throw ApiError.badData("limit must be a number");
            }
        }
        String metric = params.has("metric") ? params.value("metric") : null;
        int max = limit;
        runner.run(ctx, null, budget -> {
            JsonObject families = new JsonObject();
            if (max != 0) {
                for (Map.Entry<String, List<MetricMetadata>> e : metadata.snapshot(metric, Math.max(max, 0)).entrySet()) {
                    JsonArray variants = new JsonArray();
                    for (MetricMetadata m : e.getValue()) {
                        variants.add(new JsonObject().put("type", m.type().word()).put("help", m.help())
                                .put("unit", m.unit()));
                    }
                    families.put(e.getKey(), variants);
                }
            }
            return new QueryRunner.Answer(families.encode());
        });
    }
}
