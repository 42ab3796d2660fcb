package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Await;
import io.promrelay.testing.CountingTarget;
import io.promrelay.testing.Http;
import io.promrelay.testing.PeerProcess;
import io.promrelay.testing.RelayProcess;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * promrelay run as an operator runs it, in a JVM of its own: {@code kill -HUP} reloads the config file and
 * {@code POST /-/quit} ends the process through the same shutdown as SIGTERM, with exit code 0.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RelayProcessLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("promrelay listening on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    private Vertx vertx;
    private CountingTarget first;
    private CountingTarget second;

    @BeforeEach
    void startTargets() {
        vertx = Vertx.vertx();
        first = CountingTarget.start(vertx);
        second = CountingTarget.start(vertx);
    }

    @AfterEach
    void stopTargets() {
        first.close();
        second.close();
        vertx.close();
    }

    private String config(boolean withSecond) {
        String yaml = """
                promrelay: {listen_address: "127.0.0.1:0"}
                global: {scrape_interval: 1s}
                scrape_configs:
                  - job_name: first
                    static_configs: [{targets: ["%s"]}]
                """.formatted(first.address());
        return withSecond ? yaml + """
                  - job_name: second
                    static_configs: [{targets: ["%s"]}]
                """.formatted(second.address()) : yaml;
    }

    @Test
    void sighupReloadsTheFileAndQuitExitsCleanly() throws Exception {
        Path file = TestFiles.write(dir.resolve("promrelay.yml"), config(false));
        List<String> command = RelayProcess.command(List.of("--config.file=" + file, "--web.enable-lifecycle"));
        try (PeerProcess relay = PeerProcess.start("promrelay", command, dir, "listening",
                p -> LISTENING.matcher(p.log()).find())) {
            Matcher port = LISTENING.matcher(relay.log());
            assertTrue(port.find());
            URI base = URI.create("http://127.0.0.1:" + port.group(1));
            awaitUp(base, "first", relay);

            TestFiles.write(file, config(true));
            kill("-HUP", relay.pid());

            awaitUp(base, "second", relay);
            assertTrue(metrics(base).contains("promrelay_config_last_reload_successful 1.0"), metrics(base));
            assertTrue(relay.log().contains("scrape jobs added [second], changed [], removed [], 1 unchanged"),
                    relay.describe());

            Http.Response quit = Http.post(base.resolve("/-/quit"), new byte[0]);

            assertEquals(200, quit.status());
            assertEquals("Requesting termination... Goodbye!", quit.body());
            assertEquals(0, relay.awaitExit(WAIT), relay.describe());
            assertFalse(relay.log().contains("unclean shutdown"), relay.describe());
        }
    }

    private static void awaitUp(URI base, String job, PeerProcess relay) {
        Await.until("job " + job + " up", WAIT, () -> {
            JsonObject targets = new JsonObject(Http.getOk(base.resolve("/api/v1/targets")));
            return targets.getJsonObject("data").getJsonArray("activeTargets").stream()
                    .map(JsonObject.class::cast)
                    .filter(t -> job.equals(t.getJsonObject("labels").getString("job")))
                    .filter(t -> "up".equals(t.getString("health")))
                    .findFirst();
        }, relay::describe);
    }

    private static String metrics(URI base) {
        return Http.getOk(base.resolve("/metrics"));
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill " + signal + " " + pid);
    }
}
