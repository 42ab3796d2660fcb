package io.promrelay.scrape;

/**
 * The RBAC rule a 403 asks for. The kubelet (port 10250) authorizes a path as a subresource of nodes; requests
 * through the API server's node proxy need nodes/proxy; the control-plane components and kube-rbac-proxy
 * authorize metrics as a non-resource URL.
 */
final class RbacHint {
    private static final String NODE_PROXY_PREFIX = "/api/v1/nodes/";

    private RbacHint() {
    }

    static String forPath(int port, String path) {
        if (path.startsWith(NODE_PROXY_PREFIX) && path.contains("/proxy")) {
            return resourceRule("nodes/proxy");
        }
        if (port == 10250) {
            return resourceRule("nodes/" + kubeletSubresource(path));
        }
        return "the relay's ServiceAccount lacks a ClusterRole rule granting verbs: [\"get\"] on nonResourceURLs: [\""
                + path + "\"]";
    }

    /** The kubelet's mapping of request paths to subresources of nodes; anything else is nodes/proxy. */
    private static String kubeletSubresource(String path) {
        if (isUnder(path, "/metrics")) {
            return "metrics";
        }
        if (isUnder(path, "/stats")) {
            return "stats";
        }
        if (isUnder(path, "/logs")) {
            return "log";
        }
        if (isUnder(path, "/spec")) {
            return "spec";
        }
        return "proxy";
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String resourceRule(String resource) {
        return "the relay's ServiceAccount lacks a ClusterRole rule granting verbs: [\"get\"] on apiGroups: [\"\"],"
                + " resources: [\"" + resource + "\"] (get " + resource + ")";
    }
}
