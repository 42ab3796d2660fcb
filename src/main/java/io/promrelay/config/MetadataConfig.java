package io.promrelay.config;

import java.time.Duration;

/** {@code remote_write.metadata_config}: whether and how often HELP/TYPE/UNIT are sent, and how many per request. */
public record MetadataConfig(boolean send, Duration sendInterval, int maxSamplesPerSend) {
    public static final MetadataConfig DEFAULT = new MetadataConfig(true, Duration.ofMinutes(1), 500);
}
