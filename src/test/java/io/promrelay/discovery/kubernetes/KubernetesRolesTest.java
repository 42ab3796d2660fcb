package io.promrelay.discovery.kubernetes;

import static io.promrelay.discovery.kubernetes.DiscoveryRun.target;
import static io.promrelay.discovery.kubernetes.KubeadmCluster.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.ConfigException;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each role against a kubeadm-shaped cluster: the groups, targets and meta labels Prometheus would give. */
class KubernetesRolesTest {
    private static MockApiServer api;
    private static Vertx vertx;

    @BeforeAll
    static void cluster() {
        api = new MockApiServer();
        KubeadmCluster.create(api.client());
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void shutdown() {
        api.close();
        vertx.close().await();
    }

    /** The API server assigns UIDs, as a real one does. */
    private static String uid(String namespace, String pod) {
        return api.client().pods().inNamespace(namespace).withName(pod).get().getMetadata().getUid();
    }

    private static DiscoveryRun run(String role, String extra) throws ConfigException {
        return DiscoveryRun.start(vertx, "      - role: " + role + "\n        api_server: " + api.url() + "\n" + extra);
    }

    @Test
    void nodeRoleTargetsEachKubeletAtItsInternalIp() throws Exception {
        try (DiscoveryRun run = run("node", "")) {
            Map<String, TargetGroup> groups = run.await("both nodes", g -> g.keySet().equals(
                    Set.of("node/cp-1", "node/worker-1")));
            TargetGroup cp = groups.get("node/cp-1");
            assertEquals(Labels.fromMap(map(
                    "__meta_kubernetes_node_name", "cp-1",
                    "__meta_kubernetes_node_label_kubernetes_io_hostname", "cp-1",
                    "__meta_kubernetes_node_labelpresent_kubernetes_io_hostname", "true",
                    "__meta_kubernetes_node_label_kubernetes_io_os", "linux",
                    "__meta_kubernetes_node_labelpresent_kubernetes_io_os", "true",
                    "__meta_kubernetes_node_label_kubernetes_io_arch", "amd64",
                    "__meta_kubernetes_node_labelpresent_kubernetes_io_arch", "true",
                    "__meta_kubernetes_node_labelpresent_node_role_kubernetes_io_control_plane", "true",
                    "__meta_kubernetes_node_annotation_kubeadm_alpha_kubernetes_io_cri_socket",
                    "unix:///var/run/containerd/containerd.sock",
                    "__meta_kubernetes_node_annotationpresent_kubeadm_alpha_kubernetes_io_cri_socket", "true",
                    "__meta_kubernetes_node_annotation_node_alpha_kubernetes_io_ttl", "0",
                    "__meta_kubernetes_node_annotationpresent_node_alpha_kubernetes_io_ttl", "true")), cp.labels());
            assertEquals(Labels.fromMap(map(
                    "__address__", "10.0.0.10:10250",
                    "instance", "cp-1",
                    "__meta_kubernetes_node_address_InternalIP", "10.0.0.10",
                    "__meta_kubernetes_node_address_Hostname", "cp-1")), cp.targets().get(0));
        }
    }

    @Test
    void podRoleGivesOneTargetPerContainerPortAndOnePerPortlessContainer() throws Exception {
        try (DiscoveryRun run = run("pod", "        namespaces: {names: [kube-system]}\n")) {
            Map<String, TargetGroup> groups = run.await("the four kube-system pods", g -> g.size() == 4);
            TargetGroup coreDns = groups.get("pod/kube-system/coredns-5dd5756b68-x7m2k");
            assertEquals(3, coreDns.targets().size());
            assertEquals(Labels.fromMap(map(
                    "__address__", "10.244.0.2:53",
                    "__meta_kubernetes_pod_container_name", "coredns",
                    "__meta_kubernetes_pod_container_image", "registry.k8s.io/coredns/coredns:v1.10.1",
                    "__meta_kubernetes_pod_container_port_name", "dns",
                    "__meta_kubernetes_pod_container_port_number", "53",
                    "__meta_kubernetes_pod_container_port_protocol", "UDP",
                    "__meta_kubernetes_pod_container_init", "false")),
                    target(coreDns, "10.244.0.2:53", "__meta_kubernetes_pod_container_port_protocol", "UDP"));
            assertEquals(Labels.fromMap(map(
                    "__meta_kubernetes_namespace", "kube-system",
                    "__meta_kubernetes_pod_name", "coredns-5dd5756b68-x7m2k",
                    "__meta_kubernetes_pod_ip", "10.244.0.2",
                    "__meta_kubernetes_pod_ready", "true",
                    "__meta_kubernetes_pod_phase", "Running",
                    "__meta_kubernetes_pod_node_name", "cp-1",
                    "__meta_kubernetes_pod_host_ip", "10.0.0.10",
                    "__meta_kubernetes_pod_uid", uid("kube-system", "coredns-5dd5756b68-x7m2k"),
                    "__meta_kubernetes_pod_controller_kind", "ReplicaSet",
                    "__meta_kubernetes_pod_controller_name", "coredns-5dd5756b68",
                    "__meta_kubernetes_pod_label_k8s_app", "kube-dns",
                    "__meta_kubernetes_pod_labelpresent_k8s_app", "true",
                    "__meta_kubernetes_pod_label_pod_template_hash", "5dd5756b68",
                    "__meta_kubernetes_pod_labelpresent_pod_template_hash", "true")), coreDns.labels());

            TargetGroup etcd = groups.get("pod/kube-system/etcd-cp-1");
            assertEquals(Labels.fromMap(map(
                    "__address__", "10.0.0.10",
                    "__meta_kubernetes_pod_container_name", "etcd",
                    "__meta_kubernetes_pod_container_image", "registry.k8s.io/etcd:3.5.9-0",
                    "__meta_kubernetes_pod_container_init", "false")), etcd.targets().get(0));
            assertEquals("Node", etcd.labels().get("__meta_kubernetes_pod_controller_kind"));
            assertEquals("file", etcd.labels().get("__meta_kubernetes_pod_annotation_kubernetes_io_config_source"));
            assertEquals("DaemonSet", groups.get("pod/kube-system/kube-proxy-m8z5t").labels()
                    .get("__meta_kubernetes_pod_controller_kind"));
        }
    }

    @Test
    void serviceRoleTargetsTheClusterDnsNameOfEachPort() throws Exception {
        try (DiscoveryRun run = run("service", "")) {
            TargetGroup dns = run.awaitGroup("svc/kube-system/kube-dns", 3);
            assertEquals(Labels.fromMap(map(
                    "__address__", "kube-dns.kube-system.svc:9153",
                    "__meta_kubernetes_service_port_name", "metrics",
                    "__meta_kubernetes_service_port_number", "9153",
                    "__meta_kubernetes_service_port_protocol", "TCP",
                    "__meta_kubernetes_service_type", "ClusterIP",
                    "__meta_kubernetes_service_cluster_ip", "10.96.0.10")),
                    target(dns, "kube-dns.kube-system.svc:9153", null, null));
            assertEquals(Labels.fromMap(map(
                    "__meta_kubernetes_namespace", "kube-system",
                    "__meta_kubernetes_service_name", "kube-dns",
                    "__meta_kubernetes_service_label_k8s_app", "kube-dns",
                    "__meta_kubernetes_service_labelpresent_k8s_app", "true",
                    "__meta_kubernetes_service_label_kubernetes_io_name", "CoreDNS",
                    "__meta_kubernetes_service_labelpresent_kubernetes_io_name", "true",
                    "__meta_kubernetes_service_annotation_prometheus_io_port", "9153",
                    "__meta_kubernetes_service_annotationpresent_prometheus_io_port", "true",
                    "__meta_kubernetes_service_annotation_prometheus_io_scrape", "true",
                    "__meta_kubernetes_service_annotationpresent_prometheus_io_scrape", "true")), dns.labels());
        }
    }

    @Test
    void endpointsRoleCarriesServiceAndPodLabels() throws Exception {
        try (DiscoveryRun run = run("endpoints", "")) {
            TargetGroup exporter = run.awaitGroup("endpoints/monitoring/node-exporter", 2);
            Labels worker = target(exporter, "10.0.0.11:9100", null, null);
            assertEquals(Labels.fromMap(map(
                    "__address__", "10.0.0.11:9100",
                    "__meta_kubernetes_endpoint_port_name", "http-metrics",
                    "__meta_kubernetes_endpoint_port_protocol", "TCP",
                    "__meta_kubernetes_endpoint_ready", "true",
                    "__meta_kubernetes_endpoint_address_target_kind", "Pod",
                    "__meta_kubernetes_endpoint_address_target_name", "node-exporter-q9w4d",
                    "__meta_kubernetes_endpoint_node_name", "worker-1",
                    "__meta_kubernetes_pod_name", "node-exporter-q9w4d",
                    "__meta_kubernetes_pod_ip", "10.0.0.11",
                    "__meta_kubernetes_pod_ready", "true",
                    "__meta_kubernetes_pod_phase", "Running",
                    "__meta_kubernetes_pod_node_name", "worker-1",
                    "__meta_kubernetes_pod_host_ip", "10.0.0.11",
                    "__meta_kubernetes_pod_uid", uid("monitoring", "node-exporter-q9w4d"),
                    "__meta_kubernetes_pod_controller_kind", "DaemonSet",
                    "__meta_kubernetes_pod_controller_name", "node-exporter",
                    "__meta_kubernetes_pod_label_app_kubernetes_io_name", "node-exporter",
                    "__meta_kubernetes_pod_labelpresent_app_kubernetes_io_name", "true",
                    "__meta_kubernetes_pod_label_app_kubernetes_io_component", "exporter",
                    "__meta_kubernetes_pod_labelpresent_app_kubernetes_io_component", "true",
                    "__meta_kubernetes_pod_container_name", "node-exporter",
                    "__meta_kubernetes_pod_container_image", "quay.io/prometheus/node-exporter:v1.6.1",
                    "__meta_kubernetes_pod_container_port_name", "http-metrics",
                    "__meta_kubernetes_pod_container_port_number", "9100",
                    "__meta_kubernetes_pod_container_port_protocol", "TCP")), worker);
            assertEquals("node-exporter", exporter.labels().get("__meta_kubernetes_service_name"));
            assertEquals("node-exporter", exporter.labels().get("__meta_kubernetes_endpoints_name"));
            assertEquals("node-exporter",
                    exporter.labels().get("__meta_kubernetes_service_label_app_kubernetes_io_name"));
            assertEquals("true", exporter.labels().get("__meta_kubernetes_endpoints_labelpresent_service_kubernetes_io_headless"));

            TargetGroup apiServer = run.awaitGroup("endpoints/default/kubernetes", 1);
            assertEquals(Labels.fromMap(map(
                    "__address__", "10.0.0.10:6443",
                    "__meta_kubernetes_endpoint_port_name", "https",
                    "__meta_kubernetes_endpoint_port_protocol", "TCP",
                    "__meta_kubernetes_endpoint_ready", "true")), apiServer.targets().get(0));
        }
    }

    @Test
    void endpointsRoleAddsTargetsForPodPortsNoServicePortCovers() throws Exception {
        try (DiscoveryRun run = run("endpoints", "        namespaces: {names: [kube-system]}\n")) {
            TargetGroup dns = run.awaitGroup("endpoints/kube-system/kube-dns", 3);
            assertEquals("dns", target(dns, "10.244.0.2:53", "__meta_kubernetes_endpoint_port_protocol", "UDP")
                    .get("__meta_kubernetes_endpoint_port_name"));
            assertEquals("coredns", target(dns, "10.244.0.2:9153", null, null)
                    .get("__meta_kubernetes_pod_container_name"));
        }
    }

    @Test
    void endpointSliceRoleCarriesConditionsAndServiceLabels() throws Exception {
        try (DiscoveryRun run = run("endpointslice", "        namespaces: {names: [monitoring]}\n")) {
            TargetGroup slice = run.awaitGroup("endpointslice/monitoring/node-exporter-5jz8b", 2);
            Labels cp = target(slice, "10.0.0.10:9100", null, null);
            assertEquals("true", cp.get("__meta_kubernetes_endpointslice_endpoint_conditions_ready"));
            assertEquals("true", cp.get("__meta_kubernetes_endpointslice_endpoint_conditions_serving"));
            assertEquals("false", cp.get("__meta_kubernetes_endpointslice_endpoint_conditions_terminating"));
            assertEquals("http-metrics", cp.get("__meta_kubernetes_endpointslice_port_name"));
            assertEquals("9100", cp.get("__meta_kubernetes_endpointslice_port"));
            assertEquals("TCP", cp.get("__meta_kubernetes_endpointslice_port_protocol"));
            assertEquals("Pod", cp.get("__meta_kubernetes_endpointslice_address_target_kind"));
            assertEquals("node-exporter-7xk2p", cp.get("__meta_kubernetes_endpointslice_address_target_name"));
            assertEquals("node-exporter-7xk2p", cp.get("__meta_kubernetes_pod_name"));
            assertEquals("http-metrics", cp.get("__meta_kubernetes_pod_container_port_name"));
            assertEquals("IPv4", slice.labels().get("__meta_kubernetes_endpointslice_address_type"));
            assertEquals("node-exporter-5jz8b", slice.labels().get("__meta_kubernetes_endpointslice_name"));
            assertEquals("node-exporter", slice.labels().get("__meta_kubernetes_service_name"));
            assertEquals("monitoring", slice.labels().get("__meta_kubernetes_namespace"));
            assertEquals("node-exporter",
                    slice.labels().get("__meta_kubernetes_endpointslice_label_kubernetes_io_service_name"));
        }
    }

    @Test
    void attachMetadataAddsTheNodeLabelsOfEachPod() throws Exception {
        try (DiscoveryRun run = run("pod", "        namespaces: {names: [monitoring]}\n"
                + "        attach_metadata: {node: true}\n")) {
            TargetGroup pod = run.await("the worker's exporter with node labels", g -> g.containsKey(
                    "pod/monitoring/node-exporter-q9w4d") && g.get("pod/monitoring/node-exporter-q9w4d").labels()
                    .has("__meta_kubernetes_node_name")).get("pod/monitoring/node-exporter-q9w4d");
            assertEquals("worker-1", pod.labels().get("__meta_kubernetes_node_name"));
            assertEquals("linux", pod.labels().get("__meta_kubernetes_node_label_kubernetes_io_os"));
            assertEquals("true", pod.labels().get("__meta_kubernetes_node_labelpresent_kubernetes_io_hostname"));
        }
    }

    @Test
    void selectorsAreAppliedByTheApiServer() throws Exception {
        try (DiscoveryRun run = run("pod", """
                        selectors:
                          - role: pod
                            label: "component=etcd"
                """)) {
            Map<String, TargetGroup> groups = run.await("only etcd", g -> !g.isEmpty());
            assertEquals(Set.of("pod/kube-system/etcd-cp-1"), groups.keySet());
        }
    }
}
