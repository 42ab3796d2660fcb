package io.promrelay.discovery;

/** Target addresses as Prometheus writes them. */
public final class HostPorts {
    private HostPorts() {
    }

    /** Go's net.JoinHostPort: an IPv6 host goes in brackets. */
    public static String join(String host, int port) {
        return bracketed(host) + ":" + port;
    }

    /** An IPv6 host in brackets, so a port can follow it later; other hosts unchanged. */
    public static String bracketed(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
