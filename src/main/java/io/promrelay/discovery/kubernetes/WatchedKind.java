package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.promrelay.config.KubernetesSdConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The informers of one object kind: one per watched namespace, or one for all namespaces (and for
 * cluster-scoped kinds). Each lists, then watches from the list's resourceVersion, re-lists after
 * 410 Gone, reconnects with backoff and resyncs periodically; its store answers lookups.
 */
final class WatchedKind<T extends HasMetadata> {
    private final Map<String, SharedIndexInformer<T>> byNamespace = new HashMap<>();
    private final List<SharedIndexInformer<T>> informers = new ArrayList<>();
    private SharedIndexInformer<T> all;

    /**
     * Starts informers without waiting for their first list, so an unreachable API server does not
     * hold up the relay's start.
     *
     * @param scope the operation for a namespace, or for all namespaces when given null
     * @param namespaces namespaces to watch; empty for all (or for a cluster-scoped kind)
     */
    static <T extends HasMetadata> WatchedKind<T> start(Function<String, FilterWatchListDeletable<T, ?, ?>> scope,
                                                       List<String> namespaces, KubernetesSdConfig.Selector selector,
                                                       ResourceEventHandler<T> handler, ExceptionHandler onError,
                                                       long resyncMillis) {
        WatchedKind<T> kind = new WatchedKind<>();
        if (namespaces.isEmpty()) {
            kind.all = kind.inform(scope.apply(null), selector, handler, onError, resyncMillis);
        } else {
            for (String ns : namespaces) {
                kind.byNamespace.put(ns, kind.inform(scope.apply(ns), selector, handler, onError, resyncMillis));
            }
        }
        return kind;
    }

    private SharedIndexInformer<T> inform(FilterWatchListDeletable<T, ?, ?> op, KubernetesSdConfig.Selector selector,
                                          ResourceEventHandler<T> handler, ExceptionHandler onError,
                                          long resyncMillis) {
        FilterWatchListDeletable<T, ?, ?> filtered = op;
        if (selector != null) {
            if (!selector.label().isEmpty()) {
                filtered = filtered.withLabelSelector(selector.label());
            }
            for (KubernetesSdConfig.FieldTerm term : selector.fieldTerms()) {
                filtered = term.equal() ? filtered.withField(term.key(), term.value())
                        : filtered.withoutField(term.key(), term.value());
            }
        }
        SharedIndexInformer<T> informer = filtered.runnableInformer(resyncMillis);
        informer.addEventHandler(handler);
        informer.exceptionHandler(onError);
        informer.start();
        informers.add(informer);
        return informer;
    }

    /** The object in the local cache, or null; {@code namespace} is null for cluster-scoped kinds. */
    T get(String namespace, String name) {
        String key = namespace == null ? name : namespace + "/" + name;
        SharedIndexInformer<T> informer = all != null ? all : byNamespace.get(namespace);
        return informer == null ? null : informer.getStore().getByKey(key);
    }

    boolean hasSynced() {
        return informers.stream().allMatch(SharedIndexInformer::hasSynced);
    }

    void stop() {
        informers.forEach(SharedIndexInformer::stop);
    }
}
