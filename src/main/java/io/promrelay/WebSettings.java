package io.promrelay;

import java.nio.file.Path;

/**
 * Who may talk to the relay's HTTP server and what it serves, set by Prometheus's flags for the same.
 *
 * @param configFile          {@code --web.config.file}: TLS and basic auth (exporter-toolkit format); null for
 *                            plain HTTP open to anyone
 * @param remoteWriteReceiver {@code --web.enable-remote-write-receiver}: serve {@code POST /api/v1/write}; off by
 *                            default, as in Prometheus
 */
public record WebSettings(Path configFile, boolean remoteWriteReceiver) {
    public static final WebSettings DEFAULTS = new WebSettings(null, false);
    public static final WebSettings RECEIVER_ENABLED = new WebSettings(null, true);
}
