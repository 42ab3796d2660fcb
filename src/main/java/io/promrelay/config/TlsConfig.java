package io.promrelay.config;

import java.nio.file.Path;

/** {@code tls_config}; any path may be null. {@code minVersion} is "TLS10".."TLS13" or null. */
public record TlsConfig(Path caFile, Path certFile, Path keyFile, String serverName,
                        boolean insecureSkipVerify, String minVersion) {
    public static final TlsConfig NONE = new TlsConfig(null, null, null, null, false, null);
}
