/**
 * The in-memory buffer ("head"): series with Gorilla-compressed chunks, found by label set or by a
 * stable numeric reference, plus an inverted index for label matchers.
 *
 * <p>Shape, after the Prometheus head: {@link io.promrelay.storage.Head} hands out appenders (one
 * per scrape, applied at commit) and a querier. A series keeps immutable closed chunks of up to 120
 * samples and one open chunk under its own lock. References are never reused and index a paged
 * table, so lookups by reference take no lock and remote write can walk series in reference order.
 * The chunk format drops Prometheus's two-byte sample-count header: the count lives beside the
 * bytes, and the chunks never leave the process.
 */
package io.promrelay.storage;
