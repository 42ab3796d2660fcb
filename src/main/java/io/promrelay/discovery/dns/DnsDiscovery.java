package io.promrelay.discovery.dns;

import io.promrelay.config.DnsSdConfig;
import io.promrelay.discovery.DiscoveryProvider;
import io.promrelay.discovery.RefreshFailures;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code dns_sd_configs}: looks every name up each refresh_interval, one target group per name (its source is
 * the name). A name whose lookup fails keeps its last targets and the failure is counted; a name that does not
 * exist anywhere in the search path has no targets.
 */
public final class DnsDiscovery implements DiscoveryProvider {
    private final Vertx vertx;
    private final DnsSdConfig config;
    private final ResolvConfSource resolvConf;
    private final RefreshFailures failures;
    private final DnsLookup lookup;
    private final Map<String, TargetGroup> groupsByName = new HashMap<>();
    private List<TargetGroup> reported;
    private long timerId = -1;
    private boolean stopped;

    public DnsDiscovery(Vertx vertx, DnsSdConfig config, ResolvConfSource resolvConf, RefreshFailures failures) {
        this.vertx = vertx;
        this.config = config;
        this.resolvConf = resolvConf;
        this.failures = failures;
        this.lookup = new DnsLookup(vertx);
    }

    @Override
    public void start(Consumer<List<TargetGroup>> onGroups) {
        refresh(onGroups);
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        vertx.cancelTimer(timerId);
        lookup.close();
    }

    private void refresh(Consumer<List<TargetGroup>> onGroups) {
        resolvConf.read().onComplete(conf -> {
            if (conf.failed()) {
                failures.failed(conf.cause().getMessage());
                report(onGroups);
                return;
            }
            List<Future<List<Labels>>> lookups = config.names().stream()
                    .map(name -> lookUp(conf.result(), name))
                    .toList();
            Future.join(lookups).onComplete(done -> report(onGroups));
        });
    }

    private Future<List<Labels>> lookUp(ResolvConf conf, String name) {
        return lookup.lookup(conf, name, DnsTargets.query(config, name))
                .onSuccess(targets -> found(name, targets))
                .onFailure(e -> failures.failed(e.getMessage()));
    }

    private synchronized void found(String name, List<Labels> targets) {
        groupsByName.put(name, new TargetGroup(name, targets, Labels.EMPTY));
    }

    private synchronized void report(Consumer<List<TargetGroup>> onGroups) {
        if (stopped) {
            return;
        }
        List<TargetGroup> groups = new ArrayList<>();
        for (String name : config.names()) {
            TargetGroup group = groupsByName.get(name);
            if (group != null && !groups.contains(group)) {
                groups.add(group);
            }
        }
        if (!groups.equals(reported)) {
            reported = groups;
            onGroups.accept(groups);
        }
        timerId = vertx.setTimer(config.refreshInterval().toMillis(), id -> refresh(onGroups));
    }
}
