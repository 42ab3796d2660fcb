package io.promrelay.config;

import java.nio.file.Path;
import java.util.List;

/** A whole configuration file after validation; {@code file} is where it was read from. */
public record Config(Path file, GlobalConfig global, RelayConfig relay, List<ScrapeConfig> scrapeConfigs,
                     List<RemoteWriteConfig> remoteWriteConfigs) {
}
