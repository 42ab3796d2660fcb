package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * role: endpointslice — one target per address and port of a discovery.k8s.io/v1 EndpointSlice, with
 * the labels of its service (named by the kubernetes.io/service-name label) and of the backing pods.
 */
final class EndpointSliceTargets {
    private static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    private static final String P = MetaLabels.PREFIX + "endpointslice_";

    private EndpointSliceTargets() {
    }

    static Built build(EndpointSlice slice, ObjectLookup lookup, boolean attachNode) {
        String namespace = slice.getMetadata().getNamespace();
        Set<String> dependencies = new HashSet<>();
        Labels.Builder group = new Labels.Builder();
        group.set(MetaLabels.NAMESPACE, namespace);
        group.set(P + "address_type", slice.getAddressType());
        MetaLabels.addObjectMeta(group, slice.getMetadata(), "endpointslice");
        Map<String, String> labels = slice.getMetadata().getLabels();
        String serviceName = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
        if (serviceName != null) {
            dependencies.add(Sources.service(namespace, serviceName));
            Service svc = lookup.service(namespace, serviceName);
            if (svc != null) {
                ServiceTargets.addServiceLabels(group, svc);
            }
        }

        List<Labels> targets = new ArrayList<>();
        Map<String, Pod> seenPods = new LinkedHashMap<>();
        Map<String, Set<Integer>> coveredPorts = new LinkedHashMap<>();
        List<EndpointPort> ports = slice.getPorts() == null ? List.of() : slice.getPorts();
        List<Endpoint> endpoints = slice.getEndpoints() == null ? List.of() : slice.getEndpoints();
        for (Endpoint ep : endpoints) {
            for (EndpointPort port : ports) {
                for (String address : ep.getAddresses()) {
                    Labels.Builder target = endpointTarget(address, ep, port);
                    if (attachNode) {
                        addNodeMetadata(target, ep, lookup, dependencies);
                    }
                    Pod pod = BackingPods.resolve(ep.getTargetRef(), lookup, dependencies);
                    if (pod != null) {
                        addPodLabels(target, pod, port);
                        String key = BackingPods.key(pod);
                        seenPods.putIfAbsent(key, pod);
                        Set<Integer> covered = coveredPorts.computeIfAbsent(key, k -> new HashSet<>());
                        if (port.getPort() != null) {
                            covered.add(port.getPort());
                        }
                    }
                    targets.add(target.build());
                }
            }
        }
        seenPods.forEach((key, pod) -> PodTargets.addUncoveredPorts(targets, pod, coveredPorts.get(key)));
        String source = Sources.endpointSlice(namespace, slice.getMetadata().getName());
        return new Built(new TargetGroup(source, targets, group.build()), dependencies);
    }

    private static Labels.Builder endpointTarget(String address, Endpoint ep, EndpointPort port) {
        Labels.Builder target = new Labels.Builder();
        Integer number = port.getPort();
        target.set(MetaLabels.ADDRESS, number == null ? address : MetaLabels.hostPort(address, number));
        target.set(P + "port_name", port.getName());
        target.set(P + "port_protocol", port.getProtocol());
        target.set(P + "port", number == null ? null : number.toString());
        target.set(P + "port_app_protocol", port.getAppProtocol());
        EndpointConditions conditions = ep.getConditions();
        if (conditions != null) {
            setBool(target, P + "endpoint_conditions_ready", conditions.getReady());
            setBool(target, P + "endpoint_conditions_serving", conditions.getServing());
            setBool(target, P + "endpoint_conditions_terminating", conditions.getTerminating());
        }
        target.set(P + "endpoint_hostname", ep.getHostname());
        ObjectReference ref = ep.getTargetRef();
        if (ref != null) {
            target.set(P + "address_target_kind", ref.getKind());
            target.set(P + "address_target_name", ref.getName());
        }
        MetaLabels.addMap(target, ep.getDeprecatedTopology(), P + "endpoint_topology_",
                P + "endpoint_topology_present_");
        return target;
    }

    private static void addNodeMetadata(Labels.Builder target, Endpoint ep, ObjectLookup lookup,
                                        Set<String> dependencies) {
        ObjectReference ref = ep.getTargetRef();
        String nodeName = ref != null && "Node".equals(ref.getKind()) ? ref.getName() : ep.getNodeName();
        if (nodeName != null) {
            dependencies.add(Sources.node(nodeName));
            MetaLabels.addNodeMetadata(target, nodeName, lookup.node(nodeName));
        }
    }

    private static void addPodLabels(Labels.Builder target, Pod pod, EndpointPort port) {
        PodTargets.addPodLabels(target, pod);
        if (port.getPort() == null) {
            return;
        }
        PodTargets.addContainerPortLabels(target, pod, port.getPort(), null);
    }

    private static void setBool(Labels.Builder target, String name, Boolean value) {
        if (value != null) {
            target.set(name, MetaLabels.bool(value));
        }
    }
}
