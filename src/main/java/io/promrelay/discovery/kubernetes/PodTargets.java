package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * role: pod — one target per declared container port, or one per container without ports (address
 * is then the bare pod IP). Init containers come after the others, marked by {@code pod_container_init}.
 */
final class PodTargets {
    private static final String CONTAINER_NAME = MetaLabels.PREFIX + "pod_container_name";
    private static final String CONTAINER_IMAGE = MetaLabels.PREFIX + "pod_container_image";
    private static final String CONTAINER_PORT_NAME = MetaLabels.PREFIX + "pod_container_port_name";
    private static final String CONTAINER_PORT_NUMBER = MetaLabels.PREFIX + "pod_container_port_number";
    private static final String CONTAINER_PORT_PROTOCOL = MetaLabels.PREFIX + "pod_container_port_protocol";
    private static final String CONTAINER_INIT = MetaLabels.PREFIX + "pod_container_init";

    private PodTargets() {
    }

    static Built build(Pod pod, ObjectLookup lookup, boolean attachNode) {
        String namespace = pod.getMetadata().getNamespace();
        String source = Sources.pod(namespace, pod.getMetadata().getName());
        String podIp = status(pod).getPodIP();
        // A pod that is starting or was evicted has no IP yet: an empty group, as in Prometheus.
        if (podIp == null || podIp.isEmpty()) {
            return new Built(new TargetGroup(source, List.of(), Labels.EMPTY), Set.of());
        }
        Labels.Builder group = new Labels.Builder();
        addPodLabels(group, pod);
        group.set(MetaLabels.NAMESPACE, namespace);
        Set<String> dependencies = new HashSet<>();
        String nodeName = spec(pod).getNodeName();
        if (attachNode && nodeName != null) {
            Node node = lookup.node(nodeName);
            MetaLabels.addNodeMetadata(group, nodeName, node);
            dependencies.add(Sources.node(nodeName));
        }
        List<Labels> targets = new ArrayList<>();
        addContainerTargets(targets, podIp, spec(pod).getContainers(), false);
        addContainerTargets(targets, podIp, spec(pod).getInitContainers(), true);
        return new Built(new TargetGroup(source, targets, group.build()), dependencies);
    }

    private static void addContainerTargets(List<Labels> targets, String podIp, List<Container> containers,
                                            boolean init) {
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            if (c.getPorts() == null || c.getPorts().isEmpty()) {
                targets.add(new Labels.Builder()
                        .set(MetaLabels.ADDRESS, podIp)
                        .set(CONTAINER_NAME, c.getName())
                        .set(CONTAINER_IMAGE, c.getImage())
                        .set(CONTAINER_INIT, MetaLabels.bool(init))
                        .build());
                continue;
            }
            for (ContainerPort port : c.getPorts()) {
                int number = port.getContainerPort();
                targets.add(new Labels.Builder()
                        .set(MetaLabels.ADDRESS, MetaLabels.hostPort(podIp, number))
                        .set(CONTAINER_NAME, c.getName())
                        .set(CONTAINER_IMAGE, c.getImage())
                        .set(CONTAINER_PORT_NUMBER, Integer.toString(number))
                        .set(CONTAINER_PORT_NAME, port.getName())
                        .set(CONTAINER_PORT_PROTOCOL, port.getProtocol())
                        .set(CONTAINER_INIT, MetaLabels.bool(init))
                        .build());
            }
        }
    }

    /** The pod's own labels, which the endpoints and endpointslice roles also attach to pod-backed targets. */
    static void addPodLabels(Labels.Builder b, Pod pod) {
        PodStatus status = status(pod);
        b.set(MetaLabels.PREFIX + "pod_ip", status.getPodIP());
        b.set(MetaLabels.PREFIX + "pod_ready", ready(status));
        b.set(MetaLabels.PREFIX + "pod_phase", status.getPhase());
        b.set(MetaLabels.PREFIX + "pod_node_name", spec(pod).getNodeName());
        b.set(MetaLabels.PREFIX + "pod_host_ip", status.getHostIP());
        b.set(MetaLabels.PREFIX + "pod_uid", pod.getMetadata().getUid());
        MetaLabels.addObjectMeta(b, pod.getMetadata(), "pod");
        OwnerReference controller = controllerOf(pod);
        if (controller != null) {
            b.set(MetaLabels.PREFIX + "pod_controller_kind", controller.getKind());
            b.set(MetaLabels.PREFIX + "pod_controller_name", controller.getName());
        }
    }

    /**
     * The labels of the pod's (non-init) container port with this number, when a container declares
     * it. {@code protocol} overrides the container port's own protocol (the endpoints role takes the
     * endpoint port's, the endpointslice role the container port's, as in Prometheus).
     */
    static void addContainerPortLabels(Labels.Builder target, Pod pod, int number, String protocol) {
        List<Container> containers = spec(pod).getContainers();
        if (containers == null) {
            return;
        }
        for (Container c : containers) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getContainerPort() != null && p.getContainerPort() == number) {
                    target.set(CONTAINER_NAME, c.getName());
                    target.set(CONTAINER_IMAGE, c.getImage());
                    target.set(CONTAINER_PORT_NAME, p.getName());
                    target.set(CONTAINER_PORT_NUMBER, Integer.toString(number));
                    target.set(CONTAINER_PORT_PROTOCOL, protocol != null ? protocol : p.getProtocol());
                    return;
                }
            }
        }
    }

    /**
     * Targets for the container ports of a pod behind a service that the service's ports did not cover,
     * so that every port of a selected pod can still be scraped (Prometheus does the same).
     */
    static void addUncoveredPorts(List<Labels> targets, Pod pod, Set<Integer> coveredPorts) {
        String podIp = status(pod).getPodIP();
        if (podIp == null || podIp.isEmpty() || spec(pod).getContainers() == null) {
            return;
        }
        for (Container c : spec(pod).getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : c.getPorts()) {
                int number = port.getContainerPort();
                if (coveredPorts.contains(number)) {
                    continue;
                }
                Labels.Builder target = new Labels.Builder()
                        .set(MetaLabels.ADDRESS, MetaLabels.hostPort(podIp, number))
                        .set(CONTAINER_NAME, c.getName())
                        .set(CONTAINER_IMAGE, c.getImage())
                        .set(CONTAINER_PORT_NAME, port.getName())
                        .set(CONTAINER_PORT_NUMBER, Integer.toString(number))
                        .set(CONTAINER_PORT_PROTOCOL, port.getProtocol());
                addPodLabels(target, pod);
                targets.add(target.build());
            }
        }
    }

    private static String ready(PodStatus status) {
        if (status.getConditions() != null) {
            for (PodCondition c : status.getConditions()) {
                if ("Ready".equals(c.getType())) {
                    return c.getStatus() == null ? "" : c.getStatus().toLowerCase(Locale.ROOT);
                }
            }
        }
        return "unknown";
    }

    private static OwnerReference controllerOf(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        if (owners != null) {
            for (OwnerReference ref : owners) {
                if (Boolean.TRUE.equals(ref.getController())) {
                    return ref;
                }
            }
        }
        return null;
    }

    private static PodStatus status(Pod pod) {
        return pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    }

    private static PodSpec spec(Pod pod) {
        return pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    }
}
