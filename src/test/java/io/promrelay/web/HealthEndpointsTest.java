package io.promrelay.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.testing.Cleanup;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes Kubernetes points at the relay. */
class HealthEndpointsTest {
    @TempDir
    static Path dir;
    private static final Cleanup cleanup = new Cleanup();
    private static StartedRelay relay;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        cleanup.add(vertx::close);
        FakeTarget target = cleanup.add(FakeTarget.start(vertx, Answer.text("probe_metric 1\n")));
        relay = cleanup.add(StartedRelay.startScrapingEverySecond(vertx, dir, """
                  - {job_name: probe, static_configs: [{targets: ["%s"]}]}
                """.formatted(target.address())));
    }

    @AfterAll
    static void stop() throws Exception {
        cleanup.close();
    }

    @Test
    void healthyAnswers200() {
        Http.Response r = Http.get(relay.uri("/-/healthy"));
        assertEquals(200, r.status());
        assertEquals("promrelay is Healthy.\n", r.body());
    }

    @Test
    void readyAnswers200OnceStarted() {
        Http.Response r = Http.get(relay.uri("/-/ready"));
        assertEquals(200, r.status());
        assertEquals("promrelay is Ready.\n", r.body());
    }

    @Test
    void unknownPathAnswers404() {
        assertEquals(404, Http.get(relay.uri("/-/nothing-here")).status());
    }
}
