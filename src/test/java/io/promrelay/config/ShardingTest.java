package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Sharding as a replica applies it: which shard a pod is, and which targets each shard keeps. */
class ShardingTest {
    private static final Path FILE = Path.of("promrelay.yml");

    @ParameterizedTest
    @CsvSource({"promrelay-0, 0", "promrelay-2, 2", "promrelay-shard-a-17, 17"})
    void theShardIsTheTrailingOrdinalOfAStatefulSetPodName(String hostname, int shard) {
        assertEquals(new Sharding(20, shard), Sharding.of(20, null, hostname));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"promrelay", "promrelay-", "promrelay-7x", "web-99999999999"})
    void aHostnameWithoutAnOrdinalIsAnErrorNamingHostnameAndTheFlag(String hostname) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sharding.of(3, null, hostname));

        assertTrue(e.getMessage().contains("HOSTNAME"), e.getMessage());
    }

    @Test
    void anExplicitIndexWinsOverTheHostname() {
        assertEquals(new Sharding(3, 1), Sharding.of(3, 1, "promrelay-2"));
    }

    @Test
    void anOrdinalBeyondTheShardCountIsAnErrorNamingTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sharding.of(3, null, "promrelay-3"));

        assertTrue(e.getMessage().contains("between 0 and 2"), e.getMessage());
    }

    @Test
    void aShardCountBelowOneIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Sharding.of(0, null, "promrelay-0"));
    }

    @Test
    void oneShardNeedsNoOrdinalAndLeavesTheConfigAsItIs() throws ConfigException {
        Config config = ConfigLoader.parse(jobWithTargets(List.of("a:1")), FILE);

        assertSame(config, Sharding.of(1, null, "no-ordinal").applyTo(config));
    }

    @Test
    void threeShardsSplitTheTargetsSoEachLandsInExactlyOneShard() throws ConfigException {
        List<String> targets = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            targets.add("10.0.0." + i + ":9100");
        }
        Config config = ConfigLoader.parse(jobWithTargets(targets), FILE);
        List<Relabeler> shards = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            shards.add(shardRules(config, 3, k));
        }
        int[] perShard = new int[3];
        for (String target : targets) {
            List<Integer> keptBy = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                if (shards.get(k).process(Labels.of("__address__", target, "job", "node")) != null) {
                    keptBy.add(k);
                    perShard[k]++;
                }
            }
            assertEquals(1, keptBy.size(), target + " kept by shards " + keptBy);
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(perShard[k] > 0, "shard " + k + " got no target of 60");
        }
    }

    @ParameterizedTest
    // Expected shards from Prometheus's hashmod: the last 8 bytes of md5(address), big-endian, modulo 3.
    @CsvSource({"10.0.0.1:9100, 2", "10.0.0.2:9100, 0", "node-a:10250, 1", "node-b:10250, 0"})
    void aTargetLandsInTheShardPrometheusHashmodGivesIt(String address, int shard) throws ConfigException {
        Config config = ConfigLoader.parse(jobWithTargets(List.of(address)), FILE);
        Relabeler own = shardRules(config, 3, shard);

        assertNotNull(own.process(Labels.of("__address__", address, "job", "node")),
                address + " should be in shard " + shard);
    }

    @Test
    void theShardFilterRunsAfterTheJobsOwnRulesSoItHashesTheFinalAddress() throws ConfigException {
        Config config = ConfigLoader.parse("""
                scrape_configs:
                  - job_name: kubelet
                    static_configs: [{targets: ["10.0.0.1:9100"]}]
                    relabel_configs:
                      - {target_label: __address__, replacement: "node-b:10250"}
                """, FILE);
        // 10.0.0.1:9100 hashes to shard 2 of 3, node-b:10250 to shard 0.
        Relabeler shard0 = shardRules(config, 3, 0);
        Relabeler shard2 = shardRules(config, 3, 2);
        Labels discovered = Labels.of("__address__", "10.0.0.1:9100", "job", "kubelet");

        assertNotNull(shard0.process(discovered));
        assertNull(shard2.process(discovered));
    }

    @Test
    void theShardBecomesAnExternalLabelBesideTheConfiguredOnes() throws ConfigException {
        Config config = ConfigLoader.parse("global: {external_labels: {cluster: prod}}\n"
                + jobWithTargets(List.of("a:1")), FILE);

        Labels external = new Sharding(4, 3).applyTo(config).global().externalLabels();

        assertEquals(Labels.of("cluster", "prod", "shard", "3"), external);
    }

    private static Relabeler shardRules(Config config, int count, int index) {
        return Relabeler.compile(new Sharding(count, index).applyTo(config).scrapeConfigs().get(0).relabelConfigs());
    }

    private static String jobWithTargets(List<String> targets) {
        return "scrape_configs:\n  - job_name: node\n    static_configs:\n      - targets: [\""
                + String.join("\", \"", targets) + "\"]\n";
    }
}
