package io.promrelay.discovery.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promrelay.model.Labels;
import org.junit.jupiter.api.Test;

/** SkyDNS keys and values as targets with their meta labels. */
class SkyDnsRecordTest {

    @Test
    void keyPathBecomesTheReversedNameAndValueTheAddress() {
        assertEquals(Labels.of("__address__", "192.168.1.1:9100",
                        "__meta_etcd_key", "/skydns/local/prom/node/server01",
                        "__meta_etcd_skydns_name", "server01.node.prom.local",
                        "__meta_etcd_skydns_service", "node",
                        "__meta_etcd_skydns_instance", "server01",
                        "__meta_etcd_skydns_host", "192.168.1.1",
                        "__meta_etcd_skydns_port", "9100"),
                SkyDnsRecord.target("/skydns", "/skydns/local/prom/node/server01",
                        "{\"host\":\"192.168.1.1\",\"port\":9100,\"ttl\":30}"));
    }

    @Test
    void withoutAPortTheAddressIsTheHostAndIpv6IsBracketed() {
        Labels target = SkyDnsRecord.target("/skydns", "/skydns/local/prom/db", "{\"host\":\"2001:db8::5\"}");

        assertEquals("[2001:db8::5]", target.get("__address__"));
        assertEquals("prom", target.get("__meta_etcd_skydns_service"));
        assertFalse(target.has("__meta_etcd_skydns_port"));
    }

    @Test
    void valuesThatAreNotServicesAreRefusedWithTheReason() {
        assertEquals("value has no \"host\"", assertThrows(IllegalArgumentException.class,
                () -> SkyDnsRecord.target("/skydns", "/skydns/local/x", "{\"text\":\"hello\"}")).getMessage());
        assertEquals("value is not a JSON object", assertThrows(IllegalArgumentException.class,
                () -> SkyDnsRecord.target("/skydns", "/skydns/local/x", "not json")).getMessage());
        assertEquals("\"port\" is not a port number", assertThrows(IllegalArgumentException.class,
                () -> SkyDnsRecord.target("/skydns", "/skydns/local/x", "{\"host\":\"h\",\"port\":\"80\"}"))
                .getMessage());
    }
}
