package io.promrelay.config;

/** The HTTP client block Prometheus shares between scrape configs and remote write. */
public record HttpClientConfig(Authorization authorization, BasicAuth basicAuth, TlsConfig tls,
                               boolean followRedirects, String proxyUrl) {
    public static final HttpClientConfig DEFAULT = new HttpClientConfig(null, null, TlsConfig.NONE, true, null);
}
