package io.promrelay.discovery.staticconfig;

import io.promrelay.config.StaticConfig;
import io.promrelay.discovery.DiscoveryProvider;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code static_configs}: the groups are known up front and never change. */
public final class StaticDiscovery implements DiscoveryProvider {
    private final List<StaticConfig> configs;

    public StaticDiscovery(List<StaticConfig> configs) {
        this.configs = List.copyOf(configs);
    }

    @Override
    public void start(Consumer<List<TargetGroup>> onGroups) {
        onGroups.accept(toGroups(configs, "static"));
    }

    @Override
    public void stop() {
    }

    /** Turns config-shaped target lists into groups whose targets carry {@code __address__}. */
    public static List<TargetGroup> toGroups(List<StaticConfig> configs, String sourcePrefix) {
        List<TargetGroup> groups = new ArrayList<>(configs.size());
        for (int i = 0; i < configs.size(); i++) {
            StaticConfig sc = configs.get(i);
            List<Labels> targets = new ArrayList<>(sc.targets().size());
            for (String address : sc.targets()) {
                targets.add(Labels.of("__address__", address));
            }
            groups.add(new TargetGroup(sourcePrefix + ":" + i, targets, sc.labels()));
        }
        return groups;
    }
}
