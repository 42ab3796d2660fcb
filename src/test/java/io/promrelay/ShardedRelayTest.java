package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.config.Sharding;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import io.promrelay.testing.Await;
import io.promrelay.testing.Cleanup;
import io.promrelay.testing.Http;
import io.promrelay.testing.PlainTargetServer;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two shards of one config running side by side: one scrapes the target and names its shard, the other leaves it. */
class ShardedRelayTest {
    private final Cleanup cleanup = new Cleanup();

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void theOwningShardScrapesTheTargetAndFederatesItWithItsShardLabel() throws ConfigException {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        PlainTargetServer target = PlainTargetServer.start(vertx);
        cleanup.add(target::close);
        Config config = ConfigLoader.load(TestFiles.write(dir.resolve("promrelay.yml"), """
                promrelay: {listen_address: "127.0.0.1:0"}
                global:
                  scrape_interval: 1s
                  external_labels: {cluster: test}
                scrape_configs:
                  - job_name: plain
                    static_configs: [{targets: ["%s"]}]
                """.formatted(target.address())));
        int owner = keeps(new Sharding(2, 0), config, target.address()) ? 0 : 1;
        StartedRelay owning = StartedRelay.start(vertx, new Sharding(2, owner).applyTo(config));
        cleanup.add(owning::close);
        StartedRelay other = StartedRelay.start(vertx, new Sharding(2, 1 - owner).applyTo(config));
        cleanup.add(other::close);

        owning.awaitTarget("plain", "up", t -> "up".equals(t.getString("health")));
        String federated = owning.federate(PlainTargetServer.METRIC);

        assertTrue(federated.contains(PlainTargetServer.METRIC + "{cluster=\"test\",instance=\"" + target.address()
                + "\",job=\"plain\",shard=\"" + owner + "\"} 1"), federated);
        String answer = Await.until("the other shard to drop the target", Duration.ofSeconds(10),
                () -> Optional.of(Http.getOk(other.uri("/api/v1/targets?state=dropped")))
                        .filter(body -> body.contains(target.address())),
                () -> Http.getOk(other.uri("/api/v1/targets")));
        assertTrue(answer.contains("\"job\":\"plain\""), answer);
        assertEquals(0, other.targets("plain").size(), "the other shard must not scrape the target");
    }

    private static boolean keeps(Sharding shard, Config config, String address) {
        Relabeler rules = Relabeler.compile(shard.applyTo(config).scrapeConfigs().get(0).relabelConfigs());
        return rules.process(Labels.of("__address__", address, "job", "plain")) != null;
    }
}
