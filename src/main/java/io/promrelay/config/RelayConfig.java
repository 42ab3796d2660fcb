package io.promrelay.config;

import java.time.Duration;

/**
 * The {@code promrelay} section, promrelay's own settings that Prometheus has no key for.
 *
 * @param listenAddress   host:port of the HTTP server
 * @param retention       how long samples stay in the buffer
 * @param maxActiveSeries new series beyond this many are rejected and counted
 * @param maxScrapeConcurrency scrapes whose bodies are parsed at the same time, at most
 * @param maxBufferBytes  the buffer's byte cap by its own estimate; near it the oldest data is evicted
 */
public record RelayConfig(String listenAddress, Duration retention, long maxActiveSeries, int maxScrapeConcurrency,
                          long maxBufferBytes) {
    private static final long MIB = 1L << 20;
    /** Half the heap: the other half is left to queries, scrape bodies, remote-write batches and the GC's headroom. */
    private static final int DEFAULT_BUFFER_HEAP_PERCENT = 50;

    public static final RelayConfig DEFAULT = new RelayConfig("0.0.0.0:9090", Duration.ofHours(2), 2_000_000, 4,
            defaultMaxBufferBytes());

    /** {@value #DEFAULT_BUFFER_HEAP_PERCENT}% of this JVM's maximum heap, in whole MiB. */
    static long defaultMaxBufferBytes() {
        long share = Runtime.getRuntime().maxMemory() / 100 * DEFAULT_BUFFER_HEAP_PERCENT;
        return Math.max(MIB, share / MIB * MIB);
    }
}
