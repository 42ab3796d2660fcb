package io.promrelay.web;

import java.util.List;
import java.util.Map;

/**
 * What the status page shows about forwarding (remote write): one entry per destination with the facts worth a
 * glance (queue, last send, errors), in display order. Nothing configured means an empty list.
 */
@FunctionalInterface
public interface ForwardingStatus {
    ForwardingStatus NONE = List::of;

    List<Destination> destinations();

    /** One destination, e.g. a remote-write URL, with its facts as label and value. */
    record Destination(String name, Map<String, String> facts) {
    }
}
