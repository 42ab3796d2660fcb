package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigLoader;
import io.promrelay.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as an operator uses it: help, config checks, and mistakes in flags. */
class MainTest {
    private static final String GOOD = """
            global: {scrape_interval: 15s}
            scrape_configs:
              - job_name: node
                static_configs: [{targets: ["localhost:9100"]}]
            """;

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpPrintsUsageAndExits0(String flag) {
        Run run = run(flag);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("usage:"), run.out());
        for (String documented : new String[] {"--config.file", "--web.listen-address", "--storage.retention",
            "--check-config", "--shard.count", "--shard.index", "--web.enable-lifecycle", "--web.config.file",
            "--web.enable-remote-write-receiver", "--storage.path", "--storage.max-bytes"}) {
            assertTrue(run.out().contains(documented), "usage lacks " + documented + ":\n" + run.out());
        }
    }

    @Test
    void checkConfigOfAGoodFileExits0() {
        Path good = TestFiles.write(dir.resolve("good.yml"), GOOD);

        Run run = run("--check-config=" + good);

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(good + ": SUCCESS"), run.out());
    }

    @Test
    void checkConfigAcceptsTheValueAsTheNextArgument() {
        Path good = TestFiles.write(dir.resolve("good.yml"), GOOD);

        assertEquals(0, run("--check-config", good.toString()).exitCode());
    }

    @Test
    void checkConfigOfABadFileExits1NamingLineAndKey() {
        Path bad = TestFiles.write(dir.resolve("bad.yml"), """
                global: {scrape_interval: 15s}
                scrape_configs:
                  - job_name: node
                    scrape_interval: 5s
                    scrape_timeout: 10s
                    static_configs: [{targets: ["localhost:9100"]}]
                """);

        Run run = run("--check-config=" + bad);

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(bad + ":5:"), "no file:line in: " + run.err());
        assertTrue(run.err().contains("scrape_timeout"), "no key in: " + run.err());
    }

    @Test
    void checkConfigOfAFileWithAMisspelledKeyNamesTheKey() {
        Path bad = TestFiles.write(dir.resolve("bad.yml"), """
                scrape_configs:
                  - job_name: node
                    scrape_intervall: 5s
                """);

        Run run = run("--check-config=" + bad);

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(bad + ":3:") && run.err().contains("scrape_intervall"), run.err());
    }

    @Test
    void checkConfigOfAMissingFileExits1() {
        Path missing = dir.resolve("missing.yml");

        Run run = run("--check-config=" + missing);

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(missing.toString()), run.err());
    }

    @Test
    void unknownFlagExits2WithUsage() {
        Run run = run("--web.listen-addres=:9090");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown flag --web.listen-addres"), run.err());
        assertTrue(run.err().contains("usage:"), run.err());
    }

    @Test
    void aSwitchTakesOnlyTrueOrFalse() {
        Run run = run("--web.enable-lifecycle=yes");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("flag --web.enable-lifecycle is true or false, got \"yes\""), run.err());
    }

    @Test
    void flagWithoutItsValueExits2() {
        Run run = run("--config.file");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--config.file"), run.err());
    }

    @Test
    void aShardIndexOutsideTheShardCountExits1NamingTheRange() {
        Path good = TestFiles.write(dir.resolve("good.yml"), GOOD);

        Run run = run("--config.file=" + good, "--shard.count=3", "--shard.index=3");

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("--shard.index must be between 0 and 2"), run.err());
    }

    @Test
    void aDataDirectoryThatIsAFileExits1NamingIt() {
        Path good = TestFiles.write(dir.resolve("good.yml"), GOOD);
        Path notADirectory = TestFiles.write(dir.resolve("data"), "not a directory");

        Run run = run("--config.file=" + good, "--storage.path=" + notADirectory);

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("data directory " + notADirectory + " cannot be used"), run.err());
    }

    @Test
    void aShardIndexWithoutAShardCountExits2() {
        Run run = run("--shard.index=1");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--shard.index needs --shard.count"), run.err());
    }

    @Test
    void maxBytesFlagOverridesTheConfigKey() throws Exception {
        Path file = TestFiles.write(dir.resolve("capped.yml"), "promrelay: {max_buffer_bytes: 1GiB}\n" + GOOD);
        Config config = ConfigLoader.load(file);

        assertEquals(1L << 30, config.relay().maxBufferBytes());
        assertEquals(96L << 20, Main.withOverrides(config, Flags.parse(new String[] {"--storage.max-bytes=96MiB"}))
                .relay().maxBufferBytes());
        assertEquals(1L << 30, Main.withOverrides(config, Flags.parse(new String[0])).relay().maxBufferBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"12XB", "0", "-5MiB"})
    void anUnusableMaxBytesFlagExits1NamingTheFlag(String value) {
        Path good = TestFiles.write(dir.resolve("good.yml"), GOOD);

        Run run = run("--config.file=" + good, "--storage.max-bytes=" + value);

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("--storage.max-bytes"), run.err());
    }

    @Test
    void aShardCountThatIsNotANumberExits2() {
        Run run = run("--shard.count=three");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--shard.count needs a whole number, got \"three\""), run.err());
    }

    @Test
    void aBrokenWebConfigFileStopsTheStartNamingLineAndKey() {
        Path good = TestFiles.write(dir.resolve("good.yml"), GOOD);
        Path web = TestFiles.write(dir.resolve("web.yml"), "basic_auth_users:\n  alice: plain-password\n");

        Run run = run("--config.file=" + good, "--web.config.file=" + web);

        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains(web + ":2: basic_auth_users.alice: "), run.err());
        assertFalse(run.err().contains("plain-password"), run.err());
    }

    @Test
    void theReceiverSwitchTakesOnlyTrueOrFalse() {
        Run run = run("--web.enable-remote-write-receiver=yes");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--web.enable-remote-write-receiver is true or false"), run.err());
    }
}
