package io.promrelay.discovery.kubernetes;

/** Prometheus's target group sources, which also name the objects a group depends on. */
final class Sources {
    private Sources() {
    }

    static String node(String name) {
        return "node/" + name;
    }

    static String pod(String namespace, String name) {
        return "pod/" + namespace + "/" + name;
    }

    static String service(String namespace, String name) {
        return "svc/" + namespace + "/" + name;
    }

    static String endpoints(String namespace, String name) {
        return "endpoints/" + namespace + "/" + name;
    }

    static String endpointSlice(String namespace, String name) {
        return "endpointslice/" + namespace + "/" + name;
    }

    static String ingress(String namespace, String name) {
        return "ingress/" + namespace + "/" + name;
    }
}
