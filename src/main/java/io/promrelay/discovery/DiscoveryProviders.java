package io.promrelay.discovery;

import io.promrelay.config.DiscoveryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.promrelay.config.FileSdConfig;
import io.promrelay.config.KubernetesSdConfig;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.discovery.file.FileDiscovery;
import io.promrelay.discovery.kubernetes.KubernetesDiscovery;
import io.promrelay.discovery.staticconfig.StaticDiscovery;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** Builds the providers a scrape job's config asks for, one per configured mechanism entry. */
public final class DiscoveryProviders {
    private DiscoveryProviders() {
    }

    /** {@code registry} takes the mechanisms' own metrics (watch events, failures). */
    public static List<DiscoveryProvider> forJob(Vertx vertx, ScrapeConfig config, MeterRegistry registry) {
        List<DiscoveryProvider> providers = new ArrayList<>();
        if (!config.staticConfigs().isEmpty()) {
            providers.add(new StaticDiscovery(config.staticConfigs()));
        }
        for (FileSdConfig f : config.fileSdConfigs()) {
            providers.add(new FileDiscovery(vertx, f));
        }
        for (DiscoveryConfig d : config.discoveryConfigs()) {
            providers.add(provider(vertx, config.jobName(), d, registry));
        }
        return providers;
    }

    private static DiscoveryProvider provider(Vertx vertx, String job, DiscoveryConfig config, MeterRegistry registry) {
        if (config instanceof KubernetesSdConfig k) {
            return new KubernetesDiscovery(vertx, k, job, registry);
        }
        throw new IllegalArgumentException("no discovery provider for " + config.key());
    }
}
