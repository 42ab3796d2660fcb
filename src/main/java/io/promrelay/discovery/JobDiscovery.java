package io.promrelay.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Merges the providers of one scrape job into the job's full set of target groups and hands the
 * whole set on after each change, so the consumer can compute which targets appeared or vanished.
 */
public final class JobDiscovery {
    private final List<DiscoveryProvider> providers;
    private final Map<Integer, List<TargetGroup>> groupsByProvider = new TreeMap<>();
    private final Consumer<List<TargetGroup>> onTargets;

    public JobDiscovery(List<DiscoveryProvider> providers, Consumer<List<TargetGroup>> onTargets) {
        this.providers = List.copyOf(providers);
        this.onTargets = onTargets;
    }

    public void start() {
        for (int i = 0; i < providers.size(); i++) {
            int index = i;
            providers.get(i).start(groups -> update(index, groups));
        }
    }

    public void stop() {
        providers.forEach(DiscoveryProvider::stop);
    }

    /** The health of the job's mechanisms that report one. */
    public List<DiscoveryHealth> health() {
        List<DiscoveryHealth> health = new ArrayList<>();
        providers.forEach(p -> p.health().ifPresent(health::add));
        return health;
    }

    private synchronized void update(int providerIndex, List<TargetGroup> groups) {
        groupsByProvider.put(providerIndex, List.copyOf(groups));
        List<TargetGroup> all = new ArrayList<>();
        groupsByProvider.values().forEach(all::addAll);
        onTargets.accept(all);
    }
}
