package io.promrelay.discovery;

import io.promrelay.config.DiscoveryConfig;
import io.promrelay.config.DnsSdConfig;
import io.promrelay.config.EtcdSdConfig;
import io.promrelay.config.FileSdConfig;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.discovery.dns.DnsDiscovery;
import io.promrelay.discovery.dns.ResolvConfSource;
import io.promrelay.discovery.etcd.EtcdDiscovery;
import io.promrelay.discovery.file.FileDiscovery;
import io.promrelay.discovery.staticconfig.StaticDiscovery;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/** Builds the providers a scrape job's config asks for, one per configured mechanism entry. */
public final class DiscoveryProviders {
    private DiscoveryProviders() {
    }

    public static List<DiscoveryProvider> forJob(Vertx vertx, ScrapeConfig config, DiscoveryObserver observer) {
        List<DiscoveryProvider> providers = new ArrayList<>();
        if (!config.staticConfigs().isEmpty()) {
            providers.add(new StaticDiscovery(config.staticConfigs()));
        }
        for (FileSdConfig f : config.fileSdConfigs()) {
            providers.add(new FileDiscovery(vertx, f));
        }
        for (DiscoveryConfig d : config.discoveryConfigs()) {
            providers.add(provider(vertx, d, new RefreshFailures(observer, config.jobName(), mechanism(d))));
        }
        return providers;
    }

    private static DiscoveryProvider provider(Vertx vertx, DiscoveryConfig config, RefreshFailures failures) {
        if (config instanceof DnsSdConfig dns) {
            return new DnsDiscovery(vertx, dns, ResolvConfSource.system(vertx), failures);
        }
        if (config instanceof EtcdSdConfig etcd) {
            return new EtcdDiscovery(vertx, etcd, failures);
        }
        throw new IllegalArgumentException("no discovery provider for " + config.key());
    }

    /** The mechanism's name in metrics and logs: "dns" for dns_sd_configs, as Prometheus names it. */
    private static String mechanism(DiscoveryConfig config) {
        return config.key().replace("_sd_configs", "");
    }
}
