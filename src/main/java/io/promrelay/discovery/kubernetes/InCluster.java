package io.promrelay.discovery.kubernetes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a pod finds its API server and ServiceAccount credentials: the KUBERNETES_SERVICE_HOST and
 * _PORT variables and the token, CA and namespace files Kubernetes mounts (what client-go's
 * rest.InClusterConfig reads). Tests point it at their own folder.
 */
record InCluster(String host, String port, Path serviceAccountDir) {
    static final Path SERVICE_ACCOUNT_DIR = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    static InCluster fromEnvironment() {
        return new InCluster(System.getenv("KUBERNETES_SERVICE_HOST"), System.getenv("KUBERNETES_SERVICE_PORT"),
                SERVICE_ACCOUNT_DIR);
    }

    String apiServerUrl() {
        if (host == null || host.isEmpty() || port == null || port.isEmpty()) {
            throw new IllegalStateException("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and"
                    + " KUBERNETES_SERVICE_PORT must be defined (or set api_server or kubeconfig_file)");
        }
        return "https://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Read again for every request: the kubelet rotates projected ServiceAccount tokens in place. */
    Path tokenFile() {
        return serviceAccountDir.resolve("token");
    }

    Path caFile() {
        return serviceAccountDir.resolve("ca.crt");
    }

    /** The namespace the relay runs in, for {@code namespaces.own_namespace}. */
    String namespace() throws IOException {
        return Files.readString(serviceAccountDir.resolve("namespace"), StandardCharsets.UTF_8).trim();
    }
}
