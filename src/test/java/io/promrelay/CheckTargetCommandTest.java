package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.ClosedPort;
import io.promrelay.testing.FakeTarget;
import io.promrelay.testing.FakeTarget.Answer;
import io.promrelay.testing.TestFiles;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-target} as an operator runs it from a shell: what it prints and how it exits. */
class CheckTargetCommandTest {
    private static final String TOKEN = "check-target-token";

    @TempDir
    static Path dir;
    private static Vertx vertx;
    private static FakeTarget up;
    private static String closed;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        up = FakeTarget.start(vertx, Answer.text("# TYPE first gauge\nfirst 1\nsecond{a=\"b\"} 2\n"));
        closed = "127.0.0.1:" + ClosedPort.number();
    }

    @AfterAll
    static void stop() {
        up.close();
        vertx.close();
    }

    private record Run(int exitCode, String out, String err) {
    }

    @Test
    void oneUpAndOneDownTargetExits1AndPrintsBothWithTheHint() {
        Run run = checkTarget(config("static_configs: [{targets: [\"" + up.address() + "\", \"" + closed + "\"]}]"),
                "--job=node");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("job node: 2 target(s)"), run.out());
        assertTrue(run.out().contains("http://" + up.address() + "/metrics\n  result:   up\n  samples:  2 scraped"), run.out());
        assertTrue(run.out().contains("http://" + closed + "/metrics\n  result:   down"), run.out());
        assertTrue(run.out().contains("  kind:     connection_refused"), run.out());
        assertTrue(run.out().contains("  hint:     nothing accepts connections on " + closed), run.out());
    }

    @Test
    void onlyTheGivenTargetIsScrapedAndAllUpExits0() {
        Run run = checkTarget(config("static_configs: [{targets: [\"" + up.address() + "\", \"" + closed + "\"]}]"),
                "--job=node", "--target=" + up.address());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("job node: 1 target(s)"), run.out());
        assertFalse(run.out().contains(closed), run.out());
    }

    @Test
    void aTargetDiscoveryDoesNotKnowIsScrapedAsTheJobWould() {
        Run run = checkTarget(config("static_configs: [{targets: [\"" + up.address() + "\"]}]"),
                "--job=node", "--target", closed);

        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("http://" + closed + "/metrics\n  result:   down"), run.out());
    }

    @Test
    void fileDiscoveredTargetsAreScrapedWithTheJobsCredentials() {
        Path targets = TestFiles.write(dir.resolve("targets.json"), "[{\"targets\": [\"" + up.address() + "\"]}]");
        Path token = TestFiles.write(dir.resolve("token"), TOKEN);

        Run run = checkTarget(config("authorization: {credentials_file: \"" + token + "\"}\n"
                + "    file_sd_configs: [{files: [\"" + targets + "\"]}]"), "--job=node");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertEquals("Bearer " + TOKEN, up.lastRequestHeaders().orElseThrow().get("Authorization"));
        assertFalse(run.out().contains(TOKEN), run.out());
    }

    @Test
    void anUnknownJobExits1NamingTheJobsThereAre() {
        Run run = checkTarget(config("static_configs: [{targets: [\"" + up.address() + "\"]}]"), "--job=nope");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("no job \"nope\"") && run.err().contains("[node]"), run.err());
    }

    @Test
    void withoutJobExits2() {
        Run run = run("check-target", "--config.file=" + config("static_configs: []"));

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("check-target needs --job"), run.err());
    }

    @Test
    void usageDescribesTheCommand() {
        Run run = run("--help");

        assertTrue(run.out().contains("check-target --config.file=FILE --job=JOB [--target=ADDR]"), run.out());
    }

    private static Path config(String jobSettings) {
        return TestFiles.write(dir.resolve("promrelay-" + System.nanoTime() + ".yml"),
                "scrape_configs:\n  - job_name: node\n    scrape_timeout: 5s\n    " + jobSettings + "\n");
    }

    private static Run checkTarget(Path config, String... flags) {
        String[] args = new String[flags.length + 2];
        args[0] = "check-target";
        args[1] = "--config.file=" + config;
        System.arraycopy(flags, 0, args, 2, flags.length);
        return run(args);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

}
