package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** role: node — one target per node: its kubelet, at the node's preferred address. */
final class NodeTargets {
    // Prometheus's nodeAddress priority, from Kubernetes's own node address helper.
    private static final List<String> ADDRESS_PRIORITY =
            List.of("InternalIP", "InternalDNS", "ExternalIP", "ExternalDNS", "LegacyHostIP", "Hostname");
    private static final String ADDRESS_PREFIX = MetaLabels.PREFIX + "node_address_";

    private NodeTargets() {
    }

    static Built build(Node node) {
        String name = node.getMetadata().getName();
        Labels.Builder group = new Labels.Builder();
        group.set(MetaLabels.PREFIX + "node_provider_id", node.getSpec() == null ? null : node.getSpec().getProviderID());
        MetaLabels.addObjectMeta(group, node.getMetadata(), "node");

        Map<String, String> firstByType = firstAddressByType(node.getStatus());
        String host = null;
        for (String type : ADDRESS_PRIORITY) {
            host = firstByType.get(type);
            if (host != null) {
                break;
            }
        }
        if (host == null) {
            return new Built(new TargetGroup(Sources.node(name), List.of(), group.build()), Set.of());
        }
        Labels.Builder target = new Labels.Builder()
                .set(MetaLabels.ADDRESS, MetaLabels.hostPort(host, kubeletPort(node.getStatus())))
                .set("instance", name);
        firstByType.forEach((type, address) -> target.set(ADDRESS_PREFIX + MetaLabels.sanitize(type), address));
        return new Built(new TargetGroup(Sources.node(name), List.of(target.build()), group.build()), Set.of());
    }

    private static Map<String, String> firstAddressByType(NodeStatus status) {
        Map<String, String> first = new LinkedHashMap<>();
        if (status != null && status.getAddresses() != null) {
            for (NodeAddress a : status.getAddresses()) {
                first.putIfAbsent(a.getType(), a.getAddress());
            }
        }
        return first;
    }

    private static int kubeletPort(NodeStatus status) {
        if (status.getDaemonEndpoints() == null || status.getDaemonEndpoints().getKubeletEndpoint() == null
                || status.getDaemonEndpoints().getKubeletEndpoint().getPort() == null) {
            return 0;
        }
        return status.getDaemonEndpoints().getKubeletEndpoint().getPort();
    }
}
