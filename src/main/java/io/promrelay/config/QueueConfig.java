package io.promrelay.config;

import java.time.Duration;

/**
 * {@code remote_write.queue_config}: how an endpoint batches, parallelises and retries.
 *
 * @param capacity          samples each shard holds waiting to be sent
 * @param minShards         parallel senders at the least
 * @param maxShards         parallel senders at the most
 * @param maxSamplesPerSend samples in one request at the most
 * @param batchSendDeadline how long a sample waits for its batch to fill before it is sent anyway
 * @param minBackoff        the first wait before a retry, doubled on each further failure
 * @param maxBackoff        the longest wait between retries
 * @param retryOnHttp429    whether 429 Too Many Requests is retried (otherwise the batch is dropped)
 */
public record QueueConfig(int capacity, int minShards, int maxShards, int maxSamplesPerSend,
                          Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff,
                          boolean retryOnHttp429) {
    /** Prometheus 2.42's defaults. */
    public static final QueueConfig DEFAULT = new QueueConfig(2500, 1, 200, 500, Duration.ofSeconds(5),
            Duration.ofMillis(30), Duration.ofSeconds(5), true);
}
