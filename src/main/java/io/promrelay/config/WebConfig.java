package io.promrelay.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The web config file ({@code --web.config.file}), Prometheus's exporter-toolkit format: who may talk to the
 * relay's HTTP server and how.
 *
 * @param file    where it was read from, for log lines
 * @param tls     null when the server speaks plain HTTP
 * @param users   {@code basic_auth_users}: user name to bcrypt hash; empty means no basic auth
 * @param headers {@code http_server_config.headers}, added to every response
 */
public record WebConfig(Path file, TlsServerConfig tls, Map<String, Secret> users, Map<String, String> headers) {

    /** No web config file: plain HTTP, nobody asked for credentials. */
    public static WebConfig open(Path file) {
        return new WebConfig(file, null, Map.of(), Map.of());
    }

    /** The certificate, key and CA files named, so their changes can be noticed. */
    public List<Path> files() {
        return tls == null ? List.of() : tls.files();
    }
}
