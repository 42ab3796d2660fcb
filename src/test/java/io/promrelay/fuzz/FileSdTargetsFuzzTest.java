package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.promrelay.config.ConfigException;
import io.promrelay.config.FileSdTargets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * file_sd target files, which other tools write and the relay reads on every change: JSON for
 * {@code .json}, YAML for {@code .yml}. The input goes through a real file, as FileSdTargets reads one.
 */
class FileSdTargetsFuzzTest {
    @TempDir
    static Path dir;

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void jsonFile(byte[] input) throws IOException {
        parse(dir.resolve("targets.json"), input);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void yamlFile(byte[] input) throws IOException {
        parse(dir.resolve("targets.yml"), input);
    }

    private static void parse(Path file, byte[] input) throws IOException {
        Files.write(file, input);
        ParseContract.parsesOrRefuses(ConfigException.class, () -> FileSdTargets.parse(file));
    }
}
