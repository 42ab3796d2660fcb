package io.promrelay.discovery.etcd;

import io.promrelay.discovery.HostPorts;
import io.promrelay.model.Labels;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SkyDNS entry (the layout CoreDNS's etcd plugin serves) as a target: the key
 * {@code /skydns/local/prom/node/server01} names {@code server01.node.prom.local}, and its JSON value
 * {@code {"host":"192.168.1.1","port":9100}} gives the address. A value without a host is not a target.
 */
final class SkyDnsRecord {
    static final String KEY = "__meta_etcd_key";
    static final String NAME = "__meta_etcd_skydns_name";
    static final String SERVICE = "__meta_etcd_skydns_service";
    static final String INSTANCE = "__meta_etcd_skydns_instance";
    static final String HOST = "__meta_etcd_skydns_host";
    static final String PORT = "__meta_etcd_skydns_port";

    private SkyDnsRecord() {
    }

    /**
     * The target for {@code key} (below {@code prefix}, which has no trailing slash) holding {@code value}.
     *
     * @throws IllegalArgumentException naming the problem when the value is not a SkyDNS service with a host
     */
    static Labels target(String prefix, String key, String value) {
        List<String> path = new ArrayList<>();
        for (String element : key.substring(Math.min(key.length(), prefix.length())).split("/")) {
            if (!element.isEmpty()) {
                path.add(element);
            }
        }
        if (path.isEmpty()) {
            throw new IllegalArgumentException("no name below the prefix");
        }
        JsonObject service;
        try {
            service = new JsonObject(value);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("value is not a JSON object");
        }
        Object host = service.getValue("host");
        Object port = service.getValue("port");
        if (!(host instanceof String h) || h.isEmpty()) {
            throw new IllegalArgumentException("value has no \"host\"");
        }
        if (port != null && !(port instanceof Number p && p.intValue() >= 0 && p.intValue() <= 65_535)) {
            throw new IllegalArgumentException("\"port\" is not a port number");
        }
        int portNumber = port == null ? 0 : ((Number) port).intValue();
        List<String> reversed = new ArrayList<>(path);
        Collections.reverse(reversed);
        return Labels.of(
                "__address__", portNumber == 0 ? HostPorts.bracketed(h) : HostPorts.join(h, portNumber),
                KEY, key,
                NAME, String.join(".", reversed),
                SERVICE, path.size() > 1 ? path.get(path.size() - 2) : "",
                INSTANCE, path.get(path.size() - 1),
                HOST, h,
                PORT, portNumber == 0 ? "" : Integer.toString(portNumber));
    }
}
