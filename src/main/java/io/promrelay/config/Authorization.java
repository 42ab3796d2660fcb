package io.promrelay.config;

import java.nio.file.Path;

/**
 * {@code authorization} (and {@code bearer_token}/{@code bearer_token_file}, which mean type Bearer).
 * Exactly one of credentials and credentialsFile is set.
 */
public record Authorization(String type, Secret credentials, Path credentialsFile) {
}
