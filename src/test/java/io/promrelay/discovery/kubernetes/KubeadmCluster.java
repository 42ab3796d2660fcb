package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * Objects shaped as a kubeadm cluster has them: a control-plane node and a worker, the static
 * control-plane pods, kube-proxy and CoreDNS, the kubernetes and kube-dns services, and a
 * node-exporter DaemonSet with its headless service, Endpoints and EndpointSlice in "monitoring".
 */
final class KubeadmCluster {
    static final String CP_IP = "10.0.0.10";
    static final String WORKER_IP = "10.0.0.11";

    private KubeadmCluster() {
    }

    static void create(KubernetesClient client) {
        client.resource(node("cp-1", CP_IP, true)).create();
        client.resource(node("worker-1", WORKER_IP, false)).create();
        client.resource(staticPod("etcd-cp-1", "etcd", "registry.k8s.io/etcd:3.5.9-0")).create();
        client.resource(staticPod("kube-scheduler-cp-1", "kube-scheduler", "registry.k8s.io/kube-scheduler:v1.28.2"))
                .create();
        client.resource(kubeProxy()).create();
        client.resource(coreDns()).create();
        client.resource(nodeExporterPod("node-exporter-7xk2p", "cp-1", CP_IP)).create();
        client.resource(nodeExporterPod("node-exporter-q9w4d", "worker-1", WORKER_IP)).create();
        client.resource(kubernetesService()).create();
        client.resource(kubernetesEndpoints()).create();
        client.resource(kubeDnsService()).create();
        client.resource(kubeDnsEndpoints()).create();
        client.resource(nodeExporterService()).create();
        client.resource(nodeExporterEndpoints(true)).create();
        client.resource(nodeExporterSlice(true)).create();
    }

    static Node node(String name, String ip, boolean controlPlane) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64")
                .addToAnnotations("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///var/run/containerd/containerd.sock")
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .endMetadata()
                .withNewSpec().withPodCIDR(controlPlane ? "10.244.0.0/24" : "10.244.1.0/24").endSpec()
                .withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress(ip).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint()
                .endDaemonEndpoints()
                .endStatus();
        if (controlPlane) {
            b.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata();
        }
        return b.build();
    }

    /** kubeadm's static pods: host network, no declared ports, mirrored with the node as owner. */
    static Pod staticPod(String name, String component, String image) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("kube-system")
                .withUid("uid-" + name)
                .addToLabels("component", component).addToLabels("tier", "control-plane")
                .addToAnnotations("kubernetes.io/config.source", "file")
                .addToAnnotations("kubernetes.io/config.hash", "5c2c5ba4a1d0e4b1c8b1f1a3c5b6d7e8")
                .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName("cp-1").withController(true)
                .withUid("uid-node-cp-1").endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("cp-1").withHostNetwork(true).withPriorityClassName("system-node-critical")
                .addNewContainer().withName(component).withImage(image).endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(CP_IP).withHostIP(CP_IP)
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    static Pod kubeProxy() {
        return new PodBuilder().withNewMetadata().withName("kube-proxy-m8z5t").withNamespace("kube-system")
                .withUid("uid-kube-proxy-m8z5t")
                .addToLabels("k8s-app", "kube-proxy").addToLabels("controller-revision-hash", "7d4f8c6b9")
                .addToLabels("pod-template-generation", "1")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet").withName("kube-proxy")
                .withController(true).withUid("uid-ds-kube-proxy").endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("worker-1").withHostNetwork(true)
                .addNewContainer().withName("kube-proxy").withImage("registry.k8s.io/kube-proxy:v1.28.2").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(WORKER_IP).withHostIP(WORKER_IP)
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    static Pod coreDns() {
        return new PodBuilder().withNewMetadata().withName("coredns-5dd5756b68-x7m2k").withNamespace("kube-system")
                .withUid("uid-coredns")
                .addToLabels("k8s-app", "kube-dns").addToLabels("pod-template-hash", "5dd5756b68")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName("coredns-5dd5756b68")
                .withController(true).withUid("uid-rs-coredns").endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName("cp-1")
                .addNewContainer().withName("coredns").withImage("registry.k8s.io/coredns/coredns:v1.10.1")
                .withPorts(new ContainerPortBuilder().withName("dns").withContainerPort(53).withProtocol("UDP").build(),
                        new ContainerPortBuilder().withName("dns-tcp").withContainerPort(53).withProtocol("TCP").build(),
                        new ContainerPortBuilder().withName("metrics").withContainerPort(9153).withProtocol("TCP").build())
                .endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP("10.244.0.2").withHostIP(CP_IP)
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    static Pod nodeExporterPod(String name, String nodeName, String ip) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("monitoring").withUid("uid-" + name)
                .addToLabels("app.kubernetes.io/name", "node-exporter")
                .addToLabels("app.kubernetes.io/component", "exporter")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("DaemonSet").withName("node-exporter")
                .withController(true).withUid("uid-ds-node-exporter").endOwnerReference()
                .endMetadata()
                .withNewSpec().withNodeName(nodeName).withHostNetwork(true)
                .addNewContainer().withName("node-exporter").withImage("quay.io/prometheus/node-exporter:v1.6.1")
                .withPorts(new ContainerPortBuilder().withName("http-metrics").withContainerPort(9100)
                        .withProtocol("TCP").build())
                .endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).withHostIP(ip)
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .endStatus().build();
    }

    static Service kubernetesService() {
        return new ServiceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .addToLabels("component", "apiserver").addToLabels("provider", "kubernetes").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.1")
                .addNewPort().withName("https").withPort(443).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    static Endpoints kubernetesEndpoints() {
        return new EndpointsBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .addToLabels("endpointslice.kubernetes.io/skip-mirror", "true").endMetadata()
                .addNewSubset().addNewAddress().withIp(CP_IP).endAddress()
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort()
                .endSubset().build();
    }

    static Service kubeDnsService() {
        return new ServiceBuilder().withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                .addToLabels("k8s-app", "kube-dns").addToLabels("kubernetes.io/name", "CoreDNS")
                .addToAnnotations("prometheus.io/port", "9153").addToAnnotations("prometheus.io/scrape", "true")
                .endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("10.96.0.10")
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").endPort()
                .addNewPort().withName("metrics").withPort(9153).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    static Endpoints kubeDnsEndpoints() {
        return new EndpointsBuilder().withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                .addToLabels("k8s-app", "kube-dns").endMetadata()
                .addNewSubset().withAddresses(podAddress("10.244.0.2", "cp-1", "kube-system", "coredns-5dd5756b68-x7m2k"))
                .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").endPort()
                .addNewPort().withName("dns").withPort(53).withProtocol("UDP").endPort()
                .addNewPort().withName("metrics").withPort(9153).withProtocol("TCP").endPort()
                .endSubset().build();
    }

    static Service nodeExporterService() {
        return new ServiceBuilder().withNewMetadata().withName("node-exporter").withNamespace("monitoring")
                .addToLabels("app.kubernetes.io/name", "node-exporter")
                .addToLabels("app.kubernetes.io/component", "exporter").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP("None")
                .addNewPort().withName("http-metrics").withPort(9100).withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** With {@code workerReady} false the worker's exporter is listed under notReadyAddresses. */
    static Endpoints nodeExporterEndpoints(boolean workerReady) {
        EndpointAddress cp = podAddress(CP_IP, "cp-1", "monitoring", "node-exporter-7xk2p");
        EndpointAddress worker = podAddress(WORKER_IP, "worker-1", "monitoring", "node-exporter-q9w4d");
        return new EndpointsBuilder().withNewMetadata().withName("node-exporter").withNamespace("monitoring")
                .addToLabels("app.kubernetes.io/name", "node-exporter")
                .addToLabels("service.kubernetes.io/headless", "").endMetadata()
                .addNewSubset()
                .withAddresses(workerReady ? List.of(cp, worker) : List.of(cp))
                .withNotReadyAddresses(workerReady ? List.of() : List.of(worker))
                .addNewPort().withName("http-metrics").withPort(9100).withProtocol("TCP").endPort()
                .endSubset().build();
    }

    static EndpointSlice nodeExporterSlice(boolean workerReady) {
        return new EndpointSliceBuilder().withNewMetadata().withName("node-exporter-5jz8b").withNamespace("monitoring")
                .addToLabels("kubernetes.io/service-name", "node-exporter")
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .addToAnnotations("endpoints.kubernetes.io/last-change-trigger-time", "2023-10-01T12:00:00Z")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses(CP_IP).withNodeName("cp-1")
                .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions()
                .withNewTargetRef().withKind("Pod").withNamespace("monitoring").withName("node-exporter-7xk2p")
                .endTargetRef().endEndpoint()
                .addNewEndpoint().withAddresses(WORKER_IP).withNodeName("worker-1")
                .withNewConditions().withReady(workerReady).withServing(workerReady).withTerminating(false)
                .endConditions()
                .withNewTargetRef().withKind("Pod").withNamespace("monitoring").withName("node-exporter-q9w4d")
                .endTargetRef().endEndpoint()
                .addNewPort().withName("http-metrics").withPort(9100).withProtocol("TCP").endPort()
                .build();
    }

    private static EndpointAddress podAddress(String ip, String nodeName, String namespace, String pod) {
        return new EndpointAddressBuilder().withIp(ip).withNodeName(nodeName)
                .withNewTargetRef().withKind("Pod").withNamespace(namespace).withName(pod).endTargetRef().build();
    }

    static Map<String, String> map(String... kv) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
