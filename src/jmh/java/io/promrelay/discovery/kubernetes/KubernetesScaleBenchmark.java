package io.promrelay.discovery.kubernetes;

import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * How long discovering 5,000 pods on 1,000 nodes takes from a cold start (list, build every group,
 * report), and how much heap the discovery then holds. A plain main rather than JMH: the figure of
 * interest is one cold start against a live API server, not a steady-state loop.
 *
 * <p>Run: {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt} then
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt)
 * io.promrelay.discovery.kubernetes.KubernetesScaleBenchmark [nodes] [pods]}.
 */
public final class KubernetesScaleBenchmark {
    private KubernetesScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        Vertx vertx = Vertx.vertx();
        try (MockApiServer api = new MockApiServer()) {
            long t0 = System.nanoTime();
            ScaleCluster.create(api.client(), nodes, pods);
            System.out.printf("created %d nodes and %d pods in the mock API server in %d ms%n", nodes, pods,
                    (System.nanoTime() - t0) / 1_000_000);
            long tList = System.nanoTime();
            int listed = api.client().pods().inAnyNamespace().list().getItems().size();
            System.out.printf("baseline: one plain list of the %d pods takes %d ms (the mock server's share)%n",
                    listed, (System.nanoTime() - tList) / 1_000_000);
            String server = "        api_server: " + api.url() + "\n";
            long heapBefore = usedHeapAfterGc(memory);
            long t1 = System.nanoTime();
            try (DiscoveryRun podRun = DiscoveryRun.start(vertx, "      - role: pod\n" + server);
                 DiscoveryRun nodeRun = DiscoveryRun.start(vertx, "      - role: node\n" + server)) {
                podRun.await(pods + " pods", g -> g.size() == pods);
                long podMillis = (System.nanoTime() - t1) / 1_000_000;
                nodeRun.await(nodes + " nodes", g -> g.size() == nodes);
                long allMillis = (System.nanoTime() - t1) / 1_000_000;
                long heapAfter = usedHeapAfterGc(memory);
                System.out.printf("pod role: %d groups reported %d ms after start%n", pods, podMillis);
                System.out.printf("pod and node roles: all groups reported %d ms after start%n", allMillis);
                System.out.printf("heap held by both discoveries (informer caches and groups): %.1f MiB%n",
                        (heapAfter - heapBefore) / 1048576.0);
            }
        }
        // The mock server's and fabric8's pools keep non-daemon threads that outlive their close().
        System.exit(0);
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
