package io.promrelay.web;

import io.promrelay.remote.send.EndpointStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The status page's forwarding section, read from each remote-write endpoint's counters. */
public final class RemoteWriteStatus implements ForwardingStatus {
    private final Supplier<List<EndpointStats>> endpoints;

    /** @param endpoints the endpoints forwarding now; a reload may change them */
    public RemoteWriteStatus(Supplier<List<EndpointStats>> endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public List<Destination> destinations() {
        List<EndpointStats> now = endpoints.get();
        List<Destination> out = new ArrayList<>(now.size());
        for (EndpointStats e : now) {
            long dropped = 0;
            for (EndpointStats.DropReason reason : EndpointStats.DropReason.values()) {
                dropped += e.samplesDropped(reason);
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("url", e.url());
            facts.put("samples sent", Long.toString(e.samplesSent()));
            facts.put("samples pending", Integer.toString(e.pendingSamples()));
            facts.put("samples retried", Long.toString(e.samplesRetried()));
            facts.put("samples dropped", Long.toString(dropped));
            facts.put("shards", e.shards() + " (desired " + e.desiredShards() + ")");
            facts.put("lag", String.format("%.1f s", e.lagSeconds()));
            out.add(new Destination(e.remoteName(), facts));
        }
        return out;
    }
}
