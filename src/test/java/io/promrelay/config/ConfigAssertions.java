package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

/** Parses config text as {@code conf/promrelay.yml} and checks where errors point. */
final class ConfigAssertions {
    static final Path FILE = Path.of("conf", "promrelay.yml");

    private ConfigAssertions() {
    }

    static Config parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE);
    }

    /** Asserts the error names file, line and key path in front, and says {@code problem} somewhere after. */
    static ConfigException assertError(String yaml, int line, String path, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        String prefix = FILE + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ");
        assertTrue(e.getMessage().startsWith(prefix), () -> "expected prefix <" + prefix + "> in <" + e.getMessage() + ">");
        assertTrue(e.getMessage().contains(problem), () -> "expected <" + problem + "> in <" + e.getMessage() + ">");
        return e;
    }

    static ScrapeConfig onlyJob(String yaml) throws ConfigException {
        return parse(yaml).scrapeConfigs().get(0);
    }
}
