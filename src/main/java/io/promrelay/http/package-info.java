/**
 * Prometheus's HTTP client block ({@code authorization}, {@code bearer_token(_file)}, {@code basic_auth},
 * {@code tls_config}, {@code proxy_url}, {@code follow_redirects}) turned into Vert.x request options, shared
 * by the scrapers and the remote-write senders so both treat credentials, rotation and TLS the same way.
 */
package io.promrelay.http;
