/**
 * The configuration file: Prometheus's format for the keys promrelay supports, plus a {@code promrelay:}
 * section.
 *
 * <p>The YAML is read through SnakeYAML's node tree rather than bound to objects, because every error must
 * name the file, the line and the key path ({@code conf/promrelay.yml:12: scrape_configs[0].tls_config:
 * unknown key "ca_fle"}), and because no tag in the file may instantiate a type. Each section has a small
 * reader that applies Prometheus's defaults and validation; {@link io.promrelay.config.Section} lists the keys
 * each section accepts and the Prometheus keys it refuses, so nothing is silently ignored.
 */
package io.promrelay.config;
