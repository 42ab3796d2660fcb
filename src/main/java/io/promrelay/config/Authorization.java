package io.promrelay.config;

import java.nio.file.Path;

/**
 * {@code authorization} (and {@code bearer_token}/{@code bearer_token_file}, which mean type Bearer).
 * At most one of credentials and credentialsFile is set; Prometheus allows neither (then no header is sent).
 */
public record Authorization(String type, Secret credentials, Path credentialsFile) {
}
