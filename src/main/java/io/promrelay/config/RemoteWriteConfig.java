package io.promrelay.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@code remote_write} entry.
 *
 * @param url                 where to POST; may carry a password in its user info, so show it through
 *                            {@link RedactedUrl}
 * @param name                the given name, or a name derived from a hash of the entry as Prometheus does
 * @param remoteTimeout       how long one request may take
 * @param headers             extra request headers; values may be credentials and are never shown
 * @param writeRelabelConfigs applied to every series before it is sent
 * @param httpClient          credentials, TLS, proxy and redirects
 */
public record RemoteWriteConfig(String url, String name, Duration remoteTimeout, Map<String, String> headers,
                                List<RelabelConfig> writeRelabelConfigs, HttpClientConfig httpClient,
                                QueueConfig queue, MetadataConfig metadata) {
}
