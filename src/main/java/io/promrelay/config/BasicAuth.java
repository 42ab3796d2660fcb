package io.promrelay.config;

import java.nio.file.Path;

/** {@code basic_auth}; at most one of password and passwordFile is set. */
public record BasicAuth(String username, Secret password, Path passwordFile) {
}
