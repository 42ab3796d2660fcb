package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.promrelay.config.KubernetesSdConfig;
import io.promrelay.config.KubernetesSdConfig.Role;
import io.promrelay.discovery.DiscoveryProvider;
import io.promrelay.discovery.RefreshFailures;
import io.promrelay.discovery.TargetGroup;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code kubernetes_sd_configs}: watches the objects of one role (and the pods, services and nodes its
 * targets take labels from) and turns each object into one target group, as Prometheus does.
 * Changes are collected for a short moment and then the whole set is reported, so a burst (the
 * first list of thousands of pods) costs one update. When the API server cannot be reached or
 * refuses the relay, the informers keep their last state and retry; each failed request goes to
 * {@link RefreshFailures}.
 */
public final class KubernetesDiscovery implements DiscoveryProvider {
    private static final long COALESCE_MILLIS = 200;
    private static final long RESYNC_MILLIS = 10 * 60_000;

    private final Vertx vertx;
    private final KubernetesSdConfig config;
    private final InCluster inCluster;
    private final RefreshFailures failures;
    private final Map<String, Entry> groups = new TreeMap<>();
    private final Map<String, ObjectKey> dirty = new LinkedHashMap<>();
    private final DependencyIndex dependencies = new DependencyIndex();
    private final List<WatchedKind<?>> watched = new ArrayList<>();
    private KubernetesClient client;
    private WatchedKind<? extends HasMetadata> primary;
    private WatchedKind<Pod> pods;
    private WatchedKind<Service> services;
    private WatchedKind<Node> nodes;
    private Consumer<List<TargetGroup>> onGroups;
    private boolean flushScheduled;
    private volatile boolean stopped;

    private record ObjectKey(String namespace, String name) {
    }

    private record Entry(ObjectKey key, TargetGroup group) {
    }

    public KubernetesDiscovery(Vertx vertx, KubernetesSdConfig config, RefreshFailures failures) {
        this(vertx, config, failures, InCluster.fromEnvironment());
    }

    KubernetesDiscovery(Vertx vertx, KubernetesSdConfig config, RefreshFailures failures, InCluster inCluster) {
        this.vertx = vertx;
        this.config = config;
        this.inCluster = inCluster;
        this.failures = failures;
    }

    @Override
    public void start(Consumer<List<TargetGroup>> onGroups) {
        // The first fabric8 client of a JVM loads and registers hundreds of model classes, seconds of work that
        // must not stall an event loop; a kubeconfig file is read here too.
        vertx.executeBlocking(() -> {
            begin(onGroups);
            return null;
        }, false);
    }

    private synchronized void begin(Consumer<List<TargetGroup>> onGroups) {
        if (stopped) {
            return;
        }
        this.onGroups = onGroups;
        List<String> namespaces;
        try {
            namespaces = namespaces();
            client = KubernetesClients.create(vertx, config, inCluster, new FailedRequests(failures));
        } catch (IOException | RuntimeException e) {
            failures.failed("cannot start Kubernetes discovery: " + e.getMessage());
            return;
        }
        boolean node = config.attachNodeMetadata();
        switch (config.role()) {
            case NODE -> primary = watchNodes();
            case POD -> {
                primary = pods = watch(Role.POD, namespaced(client.pods()), namespaces, true);
                nodes = node ? watchNodes() : null;
            }
            case SERVICE -> primary = watch(Role.SERVICE, namespaced(client.services()), namespaces, true);
            case ENDPOINTS, ENDPOINTSLICE -> {
                primary = config.role() == Role.ENDPOINTS
                        ? watch(Role.ENDPOINTS, namespaced(client.endpoints()), namespaces, true)
                        : watch(Role.ENDPOINTSLICE, namespaced(client.discovery().v1().endpointSlices()), namespaces, true);
                services = watch(Role.SERVICE, namespaced(client.services()), namespaces, false);
                pods = watch(Role.POD, namespaced(client.pods()), namespaces, false);
                nodes = node ? watchNodes() : null;
            }
            case INGRESS -> throw new IllegalStateException("the config reader refuses role ingress");
        }
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        watched.forEach(WatchedKind::stop);
        if (client != null) {
            client.close();
        }
    }

    /** True once every informer has listed its objects at least once. */
    public synchronized boolean synced() {
        return !watched.isEmpty() && watched.stream().allMatch(WatchedKind::hasSynced);
    }

    private List<String> namespaces() throws IOException {
        List<String> names = new ArrayList<>(config.namespaces().names());
        if (config.namespaces().ownNamespace()) {
            names.add(inCluster.namespace());
        }
        return names;
    }

    private WatchedKind<Node> watchNodes() {
        return watch(Role.NODE, ns -> client.nodes(), List.of(), config.role() == Role.NODE);
    }

    private <T extends HasMetadata> WatchedKind<T> watch(Role kind,
                                                         Function<String, FilterWatchListDeletable<T, ?, ?>> scope,
                                                         List<String> namespaces, boolean isPrimary) {
        WatchedKind<T> w = WatchedKind.start(scope, namespaces, config.selectorFor(kind),
                handler(kind, isPrimary), this::retryAfter, RESYNC_MILLIS);
        watched.add(w);
        return w;
    }

    /** The operation for one namespace, or for all of them given null. */
    private static <T extends HasMetadata, L extends KubernetesResourceList<T>, R extends Resource<T>>
            Function<String, FilterWatchListDeletable<T, ?, ?>> namespaced(MixedOperation<T, L, R> op) {
        return ns -> ns == null ? op.inAnyNamespace() : op.inNamespace(ns);
    }

    private <T extends HasMetadata> ResourceEventHandler<T> handler(Role kind, boolean isPrimary) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed(obj, kind, isPrimary);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed(newObj, kind, isPrimary);
            }

            @Override
            public void onDelete(T obj, boolean finalStateUnknown) {
                changed(obj, kind, isPrimary);
            }
        };
    }

    /**
     * Keeps an informer retrying after a failed list or watch, with fabric8's backoff, so an API
     * server that is down or refuses the relay for a while is picked up again without a restart. The
     * informer's cache, and so the targets, stay as they were meanwhile; {@link FailedRequests} has
     * already reported the failed request.
     */
    private boolean retryAfter(boolean started, Throwable failure) {
        return !stopped;
    }

    private synchronized void changed(HasMetadata obj, Role kind, boolean isPrimary) {
        String namespace = obj.getMetadata().getNamespace();
        String name = obj.getMetadata().getName();
        if (isPrimary) {
            dirty.put(source(kind, namespace, name), new ObjectKey(namespace, name));
        } else {
            String object = source(kind, namespace, name);
            for (String source : dependencies.dependents(object)) {
                Entry entry = groups.get(source);
                if (entry != null) {
                    dirty.put(source, entry.key());
                }
            }
        }
        if (!flushScheduled && !dirty.isEmpty()) {
            scheduleFlush();
        }
    }

    private void scheduleFlush() {
        flushScheduled = true;
        vertx.setTimer(COALESCE_MILLIS, id -> vertx.executeBlocking(() -> {
            flush();
            return null;
        }, false));
    }

    private static String source(Role kind, String namespace, String name) {
        return switch (kind) {
            case NODE -> Sources.node(name);
            case POD -> Sources.pod(namespace, name);
            case SERVICE -> Sources.service(namespace, name);
            case ENDPOINTS -> Sources.endpoints(namespace, name);
            case ENDPOINTSLICE -> Sources.endpointSlice(namespace, name);
            case INGRESS -> Sources.ingress(namespace, name);
        };
    }

    /**
     * Rebuilds the changed groups and reports all of them; runs on a worker thread. Like Prometheus it
     * waits until every informer has listed once, so that no group is reported without the labels of
     * the pods and services it refers to.
     */
    private synchronized void flush() {
        flushScheduled = false;
        if (stopped) {
            return;
        }
        if (!synced()) {
            scheduleFlush();
            return;
        }
        ObjectLookup lookup = lookup();
        for (Map.Entry<String, ObjectKey> e : dirty.entrySet()) {
            String source = e.getKey();
            ObjectKey key = e.getValue();
            HasMetadata obj = primary.get(key.namespace(), key.name());
            if (obj == null) {
                groups.remove(source);
                dependencies.remove(source);
                continue;
            }
            Built built = build(obj, lookup);
            groups.put(source, new Entry(key, built.group()));
            dependencies.update(source, built.dependencies());
        }
        dirty.clear();
        List<TargetGroup> all = new ArrayList<>(groups.size());
        groups.values().forEach(entry -> all.add(entry.group()));
        onGroups.accept(all);
    }

    private Built build(HasMetadata obj, ObjectLookup lookup) {
        boolean node = config.attachNodeMetadata();
        return switch (config.role()) {
            case NODE -> NodeTargets.build((Node) obj);
            case POD -> PodTargets.build((Pod) obj, lookup, node);
            case SERVICE -> ServiceTargets.build((Service) obj);
            case ENDPOINTS -> EndpointsTargets.build((Endpoints) obj, lookup, node);
            case ENDPOINTSLICE -> EndpointSliceTargets.build((EndpointSlice) obj, lookup, node);
            case INGRESS -> throw new IllegalStateException("the config reader refuses role ingress");
        };
    }

    private ObjectLookup lookup() {
        return new ObjectLookup() {
            @Override
            public Pod pod(String namespace, String name) {
                return pods == null ? null : pods.get(namespace, name);
            }

            @Override
            public Service service(String namespace, String name) {
                return services == null ? null : services.get(namespace, name);
            }

            @Override
            public Node node(String name) {
                return nodes == null ? null : nodes.get(null, name);
            }
        };
    }
}
