package io.promrelay.discovery.kubernetes;

import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.config.KubernetesSdConfig;
import io.promrelay.discovery.RefreshFailures;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import io.promrelay.testing.Await;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One running Kubernetes discovery built from a YAML kubernetes_sd_configs entry, what it last reported, and the
 * reasons of the failures it reported.
 */
final class DiscoveryRun implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final KubernetesDiscovery discovery;
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private volatile List<TargetGroup> last;

    private DiscoveryRun(Vertx vertx, KubernetesSdConfig config, InCluster inCluster) {
        RefreshFailures reported = new RefreshFailures((job, mechanism, reason) -> failures.add(reason), "k8s",
                "kubernetes");
        discovery = new KubernetesDiscovery(vertx, config, reported, inCluster);
        discovery.start(groups -> last = groups);
    }

    /** {@code sdEntry} is the YAML of one kubernetes_sd_configs list item, indented for it. */
    static DiscoveryRun start(Vertx vertx, String sdEntry) throws ConfigException {
        return start(vertx, sdEntry, new InCluster(null, null, Path.of("/nonexistent")));
    }

    static DiscoveryRun start(Vertx vertx, String sdEntry, InCluster inCluster) throws ConfigException {
        return new DiscoveryRun(vertx, parse(sdEntry), inCluster);
    }

    static KubernetesSdConfig parse(String sdEntry) throws ConfigException {
        String yaml = "scrape_configs:\n  - job_name: k8s\n    kubernetes_sd_configs:\n" + sdEntry;
        return (KubernetesSdConfig) ConfigLoader.parse(yaml, Path.of("promrelay.yml")).scrapeConfigs().get(0)
                .discoveryConfigs().get(0);
    }

    /** Waits until the reported groups satisfy {@code state}; returns them by source. */
    Map<String, TargetGroup> await(String what, Predicate<Map<String, TargetGroup>> state) {
        return Await.until(what, WAIT, () -> Optional.ofNullable(last).map(DiscoveryRun::bySource).filter(state),
                () -> "last reported: " + last);
    }

    /** The group of {@code source} once it has {@code targets} targets. */
    TargetGroup awaitGroup(String source, int targets) {
        return await(source + " with " + targets + " target(s)", g -> g.containsKey(source)
                && g.get(source).targets().size() == targets).get(source);
    }

    /** The reasons of the failures reported so far, oldest first. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    private static Map<String, TargetGroup> bySource(List<TargetGroup> groups) {
        Map<String, TargetGroup> m = new TreeMap<>();
        groups.forEach(g -> m.put(g.source(), g));
        return m;
    }

    /** The target whose __address__ is {@code address} (and, if given, whose extra label matches). */
    static Labels target(TargetGroup group, String address, String label, String value) {
        return group.targets().stream()
                .filter(t -> address.equals(t.get("__address__")) && (label == null || value.equals(t.get(label))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no target " + address + " in " + group));
    }

    @Override
    public void close() {
        discovery.stop();
    }
}
