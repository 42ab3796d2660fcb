package io.promrelay.scrape;

/**
 * What to do when nothing accepts connections on a target's port. Several Kubernetes components serve metrics
 * only on 127.0.0.1 by default, and the insecure control-plane ports are gone, so the port says a lot.
 */
final class ConnectionRefusedHint {
    private ConnectionRefusedHint() {
    }

    static String forPort(String address, int port) {
        return switch (port) {
            case 10251 -> "kube-scheduler's insecure port 10251 is disabled since Kubernetes 1.17.8 and later removed:"
                    + " scrape port 10259 with scheme: https and the ServiceAccount token";
            case 10252 -> "kube-controller-manager's insecure port 10252 is disabled since Kubernetes 1.17.8 and later"
                    + " removed: scrape port 10257 with scheme: https and the ServiceAccount token";
            case 10249 -> "kube-proxy serves metrics on 127.0.0.1:10249 by default: set metricsBindAddress:"
                    + " 0.0.0.0:10249 in its configuration (kube-system ConfigMap kube-proxy, or the"
                    + " --metrics-bind-address flag) and restart the kube-proxy pods";
            case 2381 -> "etcd serves plain metrics on 127.0.0.1:2381 when set up by kubeadm: set"
                    + " --listen-metrics-urls=http://0.0.0.0:2381 in its static Pod manifest";
            case 10259 -> "kube-scheduler listens on 127.0.0.1 when set up by kubeadm: set --bind-address=0.0.0.0"
                    + " in its static Pod manifest";
            case 10257 -> "kube-controller-manager listens on 127.0.0.1 when set up by kubeadm: set"
                    + " --bind-address=0.0.0.0 in its static Pod manifest";
            default -> "nothing accepts connections on " + address + ": check that the component runs, that the"
                    + " port is right, and that it listens on an address the relay reaches (not only 127.0.0.1)";
        };
    }
}
