package io.promrelay;

/** A "host:port" listen address; an IPv6 host is written in brackets, "[::1]:9090". */
record HostPort(String host, int port) {
    static HostPort parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("listen address \"" + address + "\" must be host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new HostPort(host.isEmpty() ? "0.0.0.0" : host, Integer.parseInt(address.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("listen address \"" + address + "\" has no valid port");
        }
    }
}
