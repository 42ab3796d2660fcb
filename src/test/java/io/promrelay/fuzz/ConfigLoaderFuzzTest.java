package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;

/** Config file text, as --config.file, --check-config and reloads read it. */
class ConfigLoaderFuzzTest {
    private static final Path CONFIG_FILE = Path.of("fuzz", "promrelay.yml");

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void configText(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        ParseContract.parsesOrRefuses(ConfigException.class, () -> ConfigLoader.parse(yaml, CONFIG_FILE));
    }
}
