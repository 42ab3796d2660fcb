package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * role: endpoints — one target per address and port of an Endpoints object, with the labels of the
 * service of the same name and of the pod behind each address; plus targets for the ports of those
 * pods that no endpoint port covers.
 */
final class EndpointsTargets {
    private static final String READY = MetaLabels.PREFIX + "endpoint_ready";

    private EndpointsTargets() {
    }

    static Built build(Endpoints eps, ObjectLookup lookup, boolean attachNode) {
        String name = eps.getMetadata().getName();
        String namespace = eps.getMetadata().getNamespace();
        Set<String> dependencies = new HashSet<>();
        Labels.Builder group = new Labels.Builder();
        group.set(MetaLabels.NAMESPACE, namespace);
        Service svc = lookup.service(namespace, name);
        dependencies.add(Sources.service(namespace, name));
        if (svc != null) {
            ServiceTargets.addServiceLabels(group, svc);
        }
        MetaLabels.addObjectMeta(group, eps.getMetadata(), "endpoints");

        List<Labels> targets = new ArrayList<>();
        Map<String, PodPorts> seenPods = new LinkedHashMap<>();
        List<EndpointSubset> subsets = eps.getSubsets() == null ? List.of() : eps.getSubsets();
        for (EndpointSubset subset : subsets) {
            for (EndpointPort port : subset.getPorts()) {
                for (EndpointAddress addr : subset.getAddresses()) {
                    targets.add(target(addr, port, true, lookup, attachNode, seenPods, dependencies));
                }
                for (EndpointAddress addr : subset.getNotReadyAddresses()) {
                    targets.add(target(addr, port, false, lookup, attachNode, seenPods, dependencies));
                }
            }
        }
        for (PodPorts seen : seenPods.values()) {
            PodTargets.addUncoveredPorts(targets, seen.pod(), seen.ports());
        }
        return new Built(new TargetGroup(Sources.endpoints(namespace, name), targets, group.build()), dependencies);
    }

    private record PodPorts(Pod pod, Set<Integer> ports) {
    }

    private static Labels target(EndpointAddress addr, EndpointPort port, boolean ready, ObjectLookup lookup,
                                 boolean attachNode, Map<String, PodPorts> seenPods, Set<String> dependencies) {
        int number = port.getPort();
        Labels.Builder target = new Labels.Builder()
                .set(MetaLabels.ADDRESS, MetaLabels.hostPort(addr.getIp(), number))
                .set(MetaLabels.PREFIX + "endpoint_port_name", port.getName())
                .set(MetaLabels.PREFIX + "endpoint_port_protocol", port.getProtocol())
                .set(READY, MetaLabels.bool(ready));
        ObjectReference ref = addr.getTargetRef();
        if (ref != null) {
            target.set(MetaLabels.PREFIX + "endpoint_address_target_kind", ref.getKind());
            target.set(MetaLabels.PREFIX + "endpoint_address_target_name", ref.getName());
        }
        target.set(MetaLabels.PREFIX + "endpoint_node_name", addr.getNodeName());
        target.set(MetaLabels.PREFIX + "endpoint_hostname", addr.getHostname());
        if (attachNode && addr.getNodeName() != null) {
            MetaLabels.addNodeMetadata(target, addr.getNodeName(), lookup.node(addr.getNodeName()));
            dependencies.add(Sources.node(addr.getNodeName()));
        }
        Pod pod = BackingPods.resolve(ref, lookup, dependencies);
        if (pod != null) {
            PodTargets.addPodLabels(target, pod);
            PodTargets.addContainerPortLabels(target, pod, number, port.getProtocol());
            seenPods.computeIfAbsent(BackingPods.key(pod), k -> new PodPorts(pod, new HashSet<>())).ports().add(number);
        }
        return target.build();
    }
}
