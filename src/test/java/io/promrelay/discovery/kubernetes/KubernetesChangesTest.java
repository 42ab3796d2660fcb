package io.promrelay.discovery.kubernetes;

import static io.promrelay.discovery.kubernetes.DiscoveryRun.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.testing.Await;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changes in the cluster reach the reported groups; failures keep the last targets and are reported. */
class KubernetesChangesTest {
    private MockApiServer api;
    private Vertx vertx;

    @BeforeEach
    void cluster() {
        api = new MockApiServer();
        KubeadmCluster.create(api.client());
        vertx = Vertx.vertx();
    }

    @AfterEach
    void shutdown() {
        api.close();
        vertx.close().await();
    }

    private DiscoveryRun run(String role) throws Exception {
        return DiscoveryRun.start(vertx, "      - role: " + role + "\n        api_server: " + api.url() + "\n");
    }

    @Test
    void addedPodBecomesATarget() throws Exception {
        try (DiscoveryRun run = run("pod")) {
            run.awaitGroup("pod/monitoring/node-exporter-7xk2p", 1);
            Pod third = KubeadmCluster.nodeExporterPod("node-exporter-z4b8n", "worker-2", "10.0.0.12");
            api.client().resource(third).create();
            TargetGroup added = run.awaitGroup("pod/monitoring/node-exporter-z4b8n", 1);
            assertEquals("10.0.0.12:9100", added.targets().get(0).get("__address__"));
        }
    }

    @Test
    void endpointTurningNotReadyIsRelabelledAndPodLabelChangesFollow() throws Exception {
        try (DiscoveryRun run = run("endpoints")) {
            run.awaitGroup("endpoints/monitoring/node-exporter", 2);
            api.client().resource(KubeadmCluster.nodeExporterEndpoints(false)).update();
            run.await("worker endpoint not ready", g -> "false".equals(target(
                    g.get("endpoints/monitoring/node-exporter"), "10.0.0.11:9100", null, null)
                    .get("__meta_kubernetes_endpoint_ready")));

            api.client().pods().inNamespace("monitoring").withName("node-exporter-q9w4d")
                    .edit(p -> {
                        p.getMetadata().getLabels().put("rollout", "canary");
                        return p;
                    });
            run.await("the pod's new label on its endpoint target", g -> "canary".equals(target(
                    g.get("endpoints/monitoring/node-exporter"), "10.0.0.11:9100", null, null)
                    .get("__meta_kubernetes_pod_label_rollout")));
        }
    }

    @Test
    void endpointSliceConditionChangeFollows() throws Exception {
        try (DiscoveryRun run = run("endpointslice")) {
            run.awaitGroup("endpointslice/monitoring/node-exporter-5jz8b", 2);
            api.client().resource(KubeadmCluster.nodeExporterSlice(false)).update();
            run.await("worker slice endpoint not ready", g -> "false".equals(target(
                    g.get("endpointslice/monitoring/node-exporter-5jz8b"), "10.0.0.11:9100", null, null)
                    .get("__meta_kubernetes_endpointslice_endpoint_conditions_ready")));
        }
    }

    @Test
    void removedNodeIsNoLongerATarget() throws Exception {
        try (DiscoveryRun run = run("node")) {
            run.await("two nodes", g -> g.size() == 2);
            api.client().nodes().withName("worker-1").delete();
            Map<String, TargetGroup> groups = run.await("one node", g -> g.size() == 1);
            assertTrue(groups.containsKey("node/cp-1"));
        }
    }

    @Test
    void unreachableApiServerKeepsTheLastTargetsAndReportsFailures() throws Exception {
        try (DiscoveryRun run = run("node")) {
            run.await("two nodes", g -> g.size() == 2);
            api.close();
            run.await("a reported failure, targets kept", g -> !run.failures().isEmpty() && g.size() == 2);
            assertTrue(run.failures().get(0).startsWith("GET /api/v1/nodes"), run.failures()::toString);
            api = new MockApiServer();
        }
    }

    @Test
    void refusedRequestsAreReportedWithoutTheTokenAndARotatedTokenIsUsed(@TempDir Path dir) throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer refusing = vertx.createHttpServer().requestHandler(req -> {
            authorizations.add(req.getHeader("Authorization"));
            req.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
        }).listen(0, "127.0.0.1").await();
        Path token = TestFiles.write(dir.resolve("token"), "token-one\n");
        String entry = "      - role: pod\n        api_server: http://127.0.0.1:" + refusing.actualPort() + "\n"
                + "        bearer_token_file: " + token + "\n";
        try (DiscoveryRun run = DiscoveryRun.start(vertx, entry)) {
            String reason = Await.until("a refused request", Duration.ofSeconds(20),
                    () -> run.failures().stream().findFirst(), authorizations::toString);
            assertEquals("GET /api/v1/pods: HTTP 401", reason);
            assertEquals("Bearer token-one", authorizations.get(0));
            TestFiles.write(token, "token-two\n");
            Await.until("the rotated token", Duration.ofSeconds(30),
                    () -> Optional.of(authorizations).filter(a -> a.contains("Bearer token-two")),
                    authorizations::toString);
        } finally {
            refusing.close().await();
        }
    }

    @Test
    void missingInClusterEnvironmentIsAFailureNotACrash() throws Exception {
        try (DiscoveryRun run = DiscoveryRun.start(vertx, "      - role: pod\n")) {
            List<String> failures = Await.until("the start-up failure", Duration.ofSeconds(20),
                    () -> Optional.of(run.failures()).filter(f -> !f.isEmpty()), () -> "none reported");
            assertEquals(1, failures.size(), failures::toString);
            assertTrue(failures.get(0).startsWith("cannot start Kubernetes discovery: "), failures::toString);
        }
    }
}
