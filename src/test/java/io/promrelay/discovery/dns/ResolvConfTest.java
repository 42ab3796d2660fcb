package io.promrelay.discovery.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** resolv.conf as Prometheus's DNS library reads it, and the search-path candidates it builds from it. */
class ResolvConfTest {
    private static final String KUBERNETES_POD = """
            # written by the kubelet
            search monitoring.svc.cluster.local svc.cluster.local cluster.local
            nameserver 10.96.0.10
            options ndots:5
            """;

    @Test
    void readsNameserversSearchListAndNdots() {
        assertEquals(new ResolvConf(List.of("10.96.0.10"), 53,
                        List.of("monitoring.svc.cluster.local", "svc.cluster.local", "cluster.local"), 5),
                ResolvConf.parse(KUBERNETES_POD, 53));
    }

    @Test
    void domainReplacesTheSearchListAndDefaultsApply() {
        assertEquals(new ResolvConf(List.of("192.0.2.1", "2001:db8::53"), 5353, List.of("prom.local"), 1),
                ResolvConf.parse("search a b\ndomain prom.local\nnameserver 192.0.2.1\n; comment\nnameserver 2001:db8::53\n",
                        5353));
    }

    @Test
    void aShortNameTriesTheSearchDomainsFirst() {
        assertEquals(List.of("node-exporter.monitoring.svc.cluster.local.", "node-exporter.svc.cluster.local.",
                        "node-exporter.cluster.local.", "node-exporter."),
                ResolvConf.parse(KUBERNETES_POD, 53).nameList("node-exporter"));
    }

    @Test
    void aNameWithMoreLabelsThanNdotsIsTriedAsItIsFirst() {
        assertEquals(List.of("node.prom.local.", "node.prom.local.example."),
                ResolvConf.parse("search example\n", 53).nameList("node.prom.local"));
    }

    @Test
    void aRootedNameIsTheOnlyCandidate() {
        assertEquals(List.of("node.prom.local."), ResolvConf.parse(KUBERNETES_POD, 53).nameList("node.prom.local."));
    }

    @Test
    void addressesAreWrittenAsGoWritesThem() {
        assertEquals("127.0.0.1", DnsTargets.goIpText("127.0.0.1"));
        assertEquals("2001:db8::1", DnsTargets.goIpText("2001:db8:0:0:0:0:0:1"));
        assertEquals("::1", DnsTargets.goIpText("0:0:0:0:0:0:0:1"));
        assertEquals("2001:db8::1:0:0:1", DnsTargets.goIpText("2001:db8:0:0:1:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", DnsTargets.goIpText("2001:db8:0:1:1:1:1:1"));
        assertEquals("192.0.2.7", DnsTargets.goIpText("0:0:0:0:0:ffff:c000:207"));
    }
}
