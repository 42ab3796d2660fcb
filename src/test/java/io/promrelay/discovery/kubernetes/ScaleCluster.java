package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** A large cluster for the scale test and benchmark: worker nodes and Deployment pods spread over namespaces. */
final class ScaleCluster {
    static final int NAMESPACES = 50;
    private static final int WRITERS = 16;

    private ScaleCluster() {
    }

    /** Creates the objects through the API, several requests at a time. */
    static void create(KubernetesClient client, int nodes, int pods) throws Exception {
        List<HasMetadata> objects = new ArrayList<>(nodes + pods);
        for (int n = 0; n < nodes; n++) {
            objects.add(KubeadmCluster.node(nodeName(n), ip(10, n), false));
        }
        for (int p = 0; p < pods; p++) {
            objects.add(pod(p, nodes));
        }
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (HasMetadata o : objects) {
                done.add(writers.submit(() -> client.resource(o).create()));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdown();
        }
    }

    private static Pod pod(int p, int nodes) {
        String app = "app-" + (p % 200);
        String namespace = "team-" + (p % NAMESPACES);
        return new PodBuilder(KubeadmCluster.nodeExporterPod(app + "-6d4cf56db6-" + p, nodeName(p % nodes),
                ip(244, p)))
                .editMetadata().withNamespace(namespace).withLabels(KubeadmCluster.map(
                        "app.kubernetes.io/name", app, "pod-template-hash", "6d4cf56db6"))
                .withOwnerReferences().addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet")
                .withName(app + "-6d4cf56db6").withController(true).withUid("uid-rs-" + app).endOwnerReference()
                .endMetadata().build();
    }

    private static String nodeName(int n) {
        return "node-" + n;
    }

    private static String ip(int second, int i) {
        return "10." + second + "." + (i / 250) + "." + (i % 250 + 1);
    }
}
