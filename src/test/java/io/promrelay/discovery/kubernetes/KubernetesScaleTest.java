package io.promrelay.discovery.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.discovery.TargetGroup;
import io.vertx.core.Vertx;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 5,000 pods on 1,000 nodes are all discovered; the benchmark next to this measures how fast. */
class KubernetesScaleTest {
    private static final int NODES = 1_000;
    private static final int PODS = 5_000;

    @Test
    void everyPodAndNodeIsDiscovered() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (MockApiServer api = new MockApiServer()) {
            ScaleCluster.create(api.client(), NODES, PODS);
            String server = "        api_server: " + api.url() + "\n";
            try (DiscoveryRun pods = DiscoveryRun.start(vertx, "      - role: pod\n" + server);
                 DiscoveryRun nodes = DiscoveryRun.start(vertx, "      - role: node\n" + server)) {
                Map<String, TargetGroup> podGroups = pods.await(PODS + " pods", g -> g.size() == PODS);
                nodes.await(NODES + " nodes", g -> g.size() == NODES);
                TargetGroup one = podGroups.get("pod/team-7/app-7-6d4cf56db6-7");
                assertEquals("10.244.0.8:9100", one.targets().get(0).get("__address__"));
                assertEquals("node-7", one.labels().get("__meta_kubernetes_pod_node_name"));
            }
        } finally {
            vertx.close().await();
        }
    }
}
