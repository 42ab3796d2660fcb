package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Set;

/** Resolving the pod an endpoint address refers to, for the endpoints and endpointslice roles. */
final class BackingPods {
    private BackingPods() {
    }

    /**
     * The pod {@code ref} names, or null when it names no pod or the pod is not (yet) seen. The pod is
     * recorded as a dependency either way, so the group is rebuilt once the pod shows up or changes.
     */
    static Pod resolve(ObjectReference ref, ObjectLookup lookup, Set<String> dependencies) {
        if (ref == null || !"Pod".equals(ref.getKind())) {
            return null;
        }
        dependencies.add(Sources.pod(ref.getNamespace(), ref.getName()));
        return lookup.pod(ref.getNamespace(), ref.getName());
    }

    static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
}
