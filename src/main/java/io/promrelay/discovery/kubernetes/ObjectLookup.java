package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

/** The watched objects a role's targets refer to; each method returns null for an object not seen. */
interface ObjectLookup {
    Pod pod(String namespace, String name);

    Service service(String namespace, String name);

    Node node(String name);
}
