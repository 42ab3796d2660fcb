package io.promrelay.web;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.WebSettings;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/v1/write} is served only with --web.enable-remote-write-receiver, as in Prometheus. */
class RemoteWriteReceiverFlagTest {
    private static final String CONFIG = """
            promrelay:
              listen_address: 127.0.0.1:0
            scrape_configs: []
            """;

    @TempDir
    Path dir;
    private Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void withoutTheFlagTheReceiverAnswers404NamingTheFlagAndStoresNothing() throws Exception {
        try (StartedRelay relay = StartedRelay.start(vertx, dir, CONFIG, WebSettings.DEFAULTS)) {
            Http.Response response = push(relay);

            assertEquals(404, response.status());
            assertEquals("remote write receiver needs to be enabled with --web.enable-remote-write-receiver\n",
                    response.body());
            assertEquals("", relay.federate("pushed_metric"));
        }
    }

    @Test
    void withTheFlagTheReceiverWritesIntoTheBuffer() throws Exception {
        try (StartedRelay relay = StartedRelay.start(vertx, dir, CONFIG, WebSettings.RECEIVER_ENABLED)) {
            Http.Response response = push(relay);

            assertEquals(204, response.status(), response.body());
            assertTrue(relay.federate("pushed_metric").contains("pushed_metric{via=\"push\"} 1"),
                    relay.federate("pushed_metric"));
        }
    }

    private static Http.Response push(StartedRelay relay) {
        return Http.post(relay.uri("/api/v1/write"), body(request(
                series("__name__", "pushed_metric", "via", "push").addSamples(sample(System.currentTimeMillis(), 1)))),
                "Content-Type", "application/x-protobuf", "Content-Encoding", "snappy");
    }
}
