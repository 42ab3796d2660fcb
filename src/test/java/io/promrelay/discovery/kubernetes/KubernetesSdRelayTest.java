package io.promrelay.discovery.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.promrelay.testing.Await;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay discovering an exporter through the endpoints role and kube-prometheus's ServiceMonitor
 * relabeling, scraping it, and showing it in /api/v1/targets and on /service-discovery (with the other
 * service's target dropped), beside a job whose API server cannot be reached.
 */
class KubernetesSdRelayTest {
    private static final String JOB = """
              - job_name: serviceMonitor/monitoring/node-exporter/0
                kubernetes_sd_configs:
                  - role: endpoints
                    api_server: %s
                    namespaces: {names: [monitoring]}
                relabel_configs:
                  - source_labels: [__meta_kubernetes_service_label_app_kubernetes_io_name, __meta_kubernetes_service_labelpresent_app_kubernetes_io_name]
                    regex: (node-exporter);true
                    action: keep
                  - source_labels: [__meta_kubernetes_endpoint_port_name]
                    regex: http-metrics
                    action: keep
                  - source_labels: [__meta_kubernetes_endpoint_address_target_kind, __meta_kubernetes_endpoint_address_target_name]
                    separator: ;
                    regex: Pod;(.*)
                    replacement: ${1}
                    target_label: pod
                  - source_labels: [__meta_kubernetes_namespace]
                    target_label: namespace
                  - source_labels: [__meta_kubernetes_service_name]
                    target_label: service
                  - source_labels: [__meta_kubernetes_pod_container_name]
                    target_label: container
                  - source_labels: [__meta_kubernetes_pod_node_name]
                    target_label: instance
                  - source_labels: [__meta_kubernetes_service_name]
                    target_label: job
                  - target_label: endpoint
                    replacement: http-metrics
              - job_name: unreachable-api
                kubernetes_sd_configs:
                  - role: node
                    api_server: http://127.0.0.1:1
            """;

    @Test
    void discoveredExporterIsScrapedAndListed(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (MockApiServer api = new MockApiServer()) {
            HttpServer exporter = vertx.createHttpServer()
                    .requestHandler(req -> req.response().end("# TYPE node_load1 gauge\nnode_load1 0.25\n"))
                    .listen(0, "127.0.0.1").await();
            KubernetesClient k8s = api.client();
            k8s.resource(KubeadmCluster.nodeExporterService()).create();
            k8s.resource(localExporterPod(exporter.actualPort())).create();
            k8s.resource(localExporterEndpoints(exporter.actualPort())).create();
            k8s.resource(new ServiceBuilder().withNewMetadata().withName("grafana").withNamespace("monitoring")
                    .addToLabels("app.kubernetes.io/name", "grafana").endMetadata().build()).create();
            k8s.resource(new EndpointsBuilder().withNewMetadata().withName("grafana").withNamespace("monitoring")
                    .endMetadata().addNewSubset().addNewAddress().withIp("10.244.1.7").endAddress()
                    .addNewPort().withName("http").withPort(3000).withProtocol("TCP").endPort().endSubset().build())
                    .create();

            try (StartedRelay relay = StartedRelay.startScrapingEverySecond(vertx, dir, JOB.formatted(api.url()))) {
                JsonObject target = relay.awaitTarget("node-exporter", "up", t -> "up".equals(t.getString("health")));
                JsonObject labels = target.getJsonObject("labels");
                assertEquals("monitoring", labels.getString("namespace"));
                assertEquals("node-exporter-local", labels.getString("pod"));
                assertEquals("node-exporter", labels.getString("service"));
                assertEquals("node-exporter", labels.getString("container"));
                assertEquals("worker-1", labels.getString("instance"));
                assertEquals("http-metrics", labels.getString("endpoint"));
                assertEquals("serviceMonitor/monitoring/node-exporter/0", target.getString("scrapePool"));
                assertEquals("Pod", target.getJsonObject("discoveredLabels")
                        .getString("__meta_kubernetes_endpoint_address_target_kind"));

                JsonArray dropped = new JsonObject(Http.getOk(relay.uri("/api/v1/targets?state=dropped")))
                        .getJsonObject("data").getJsonArray("droppedTargets");
                assertTrue(dropped.stream().map(JsonObject.class::cast).anyMatch(d -> "grafana".equals(
                        d.getJsonObject("discoveredLabels").getString("__meta_kubernetes_service_name"))),
                        dropped::encodePrettily);
                assertTrue(relay.federate("node_load1").contains("pod=\"node-exporter-local\""));

                JsonObject unreachable = Await.until("the unreachable API server in /api/v1/targets",
                        Duration.ofSeconds(20), () -> relay.discoveryFailures("unreachable-api").stream().findFirst(),
                        () -> "");
                assertEquals("kubernetes", unreachable.getString("mechanism"));
                assertTrue(unreachable.getString("lastError").startsWith("GET /api/v1/nodes: "), unreachable::encode);
                assertTrue(unreachable.getLong("failures") > 0);
                assertTrue(relay.metric("promrelay_sd_refresh_failures_total",
                        "job=\"unreachable-api\",mechanism=\"kubernetes\"").orElseThrow() > 0, relay::metrics);
                assertEquals(List.of(), relay.discoveryFailures("serviceMonitor/monitoring/node-exporter/0"));

                String page = Http.getOk(relay.uri("/service-discovery"));
                assertTrue(page.contains("kubernetes discovery failed") && page.contains("GET /api/v1/nodes: "), page);
                assertTrue(page.contains("__meta_kubernetes_pod_name=\"node-exporter-local\""), page);
                assertTrue(page.contains("pod=\"node-exporter-local\""), page);
                assertTrue(page.contains("__meta_kubernetes_service_name=\"grafana\"")
                        && page.contains("Dropped: dropped by relabeling"), page);
            }
        } finally {
            vertx.close().await();
        }
    }

    private static io.fabric8.kubernetes.api.model.Pod localExporterPod(int port) {
        return new PodBuilder(KubeadmCluster.nodeExporterPod("node-exporter-local", "worker-1", "127.0.0.1"))
                .editSpec().editFirstContainer().withPorts(new ContainerPortBuilder().withName("http-metrics")
                        .withContainerPort(port).withProtocol("TCP").build()).endContainer().endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.Endpoints localExporterEndpoints(int port) {
        return new EndpointsBuilder().withNewMetadata().withName("node-exporter").withNamespace("monitoring")
                .endMetadata().addNewSubset().addNewAddress().withIp("127.0.0.1").withNodeName("worker-1")
                .withNewTargetRef().withKind("Pod").withNamespace("monitoring").withName("node-exporter-local")
                .endTargetRef().endAddress()
                .addNewPort().withName("http-metrics").withPort(port).withProtocol("TCP").endPort().endSubset()
                .build();
    }
}
