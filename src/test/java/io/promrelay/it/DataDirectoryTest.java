package io.promrelay.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.it.ReceivedSamples.Point;
import io.promrelay.model.Labels;
import io.promrelay.model.Matcher;
import io.promrelay.storage.SnapshotFile;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A relay in this JVM with {@code --storage.path}: closing writes the snapshot, the next start restores it. */
class DataDirectoryTest {
    private static final String JOB = "counting";

    @TempDir
    Path dir;
    private Vertx vertx;
    private CountingTarget target;
    private StartedRelay relay;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        target = CountingTarget.start(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        if (relay != null) {
            relay.close();
        }
        target.close();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private String config() {
        return """
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 2h
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: %s
                    static_configs: [{targets: ["%s"]}]
                """.formatted(JOB, target.address());
    }

    private static Map<Labels, List<Point>> held(StartedRelay relay) {
        return ReceivedSamples.inRelay(relay.head(), List.of(Matcher.equal("job", JOB)), Long.MAX_VALUE);
    }

    @Test
    void closingWritesASnapshotThatTheNextStartRestoresBeforeItScrapes() throws Exception {
        Path data = dir.resolve("data");
        relay = StartedRelay.startWithDataDirectory(vertx, dir.resolve("first"), config(), data);
        relay.awaitTarget(JOB, "up", t -> "up".equals(t.getString("health")));
        Thread.sleep(2000);
        relay.close();
        Map<Labels, List<Point>> before = held(relay);
        relay = null;
        target.close();

        relay = StartedRelay.startWithDataDirectory(vertx, dir.resolve("second"), config(), data);

        assertEquals(before, held(relay), "the target is gone, so the buffer holds exactly what the first relay held");
        assertTrue(ReceivedSamples.count(before) >= 2 * (CountingTarget.SERIES + 1 + 5), "samples: " + before);
        assertFalse(Files.exists(data.resolve(SnapshotFile.NAME)), "the restored snapshot is not restored twice");
    }

    @Test
    void aCorruptSnapshotIsMovedAsideAndTheRelayStartsEmpty() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve(SnapshotFile.NAME), "PRLYSNAP and then nonsense");

        relay = StartedRelay.startWithDataDirectory(vertx, dir.resolve("relay"), config(), data);

        assertEquals(200, Http.tryGet(relay.uri("/-/ready")).orElseThrow().status());
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(List.of("snapshot.corrupt-"), files.map(p -> p.getFileName().toString().replaceAll("-.*", "-"))
                    .toList());
        }
    }
}
