package io.promrelay.config;

import java.time.Duration;
import java.util.List;

/** {@code file_sd_configs}: file patterns (the last path element may hold a glob) and a re-read interval. */
public record FileSdConfig(List<String> files, Duration refreshInterval) {
}
