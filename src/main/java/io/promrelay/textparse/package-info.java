/**
 * Scrape body parsing: pull parsers over the raw bytes of the Prometheus text format
 * ({@link io.promrelay.textparse.TextParser}) and OpenMetrics
 * ({@link io.promrelay.textparse.OpenMetricsParser}), chosen by
 * {@link io.promrelay.textparse.ExpositionFormat}.
 *
 * <p>What is accepted and refused follows Prometheus 2.42's lexers token for token, because a
 * relay that refuses what Prometheus scrapes, or keeps what it drops, is visible to users. One
 * check is pulled forward: a label name repeated in one series fails the whole scrape in
 * Prometheus (when appending), so the parsers refuse it with the line number instead.
 *
 * <p>Nothing is allocated per sample. The value and timestamp are decoded while the line is
 * checked; label strings are only made by {@code labels(builder)}, which a caller with a scrape
 * cache calls only for series bytes it has not seen.
 */
package io.promrelay.textparse;
