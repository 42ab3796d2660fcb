package io.promrelay.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.promrelay.discovery.DiscoveryObserver;
import io.promrelay.remote.send.EndpointStats;
import io.promrelay.scrape.IngestResult;
import io.promrelay.scrape.ScrapeObserver;
import io.promrelay.scrape.ScrapeTarget;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadStats;
import io.promrelay.storage.StorageException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The relay's own metrics, served at /metrics: scrapes by job and result, scrape durations, failed discovery
 * refreshes by job and mechanism, samples appended and refused, the buffer's size, each remote-write
 * endpoint's progress, config reloads, and the JVM's memory, threads and CPU. Buffer figures are read from the buffer
 * when /metrics is scraped, so the append path pays nothing for them.
 */
public final class RelayMetrics implements ScrapeObserver, DiscoveryObserver {
    /** The reason label of evictions, the same word as the rejections at the byte cap. */
    private static final String BYTES_LIMIT = StorageException.Kind.BYTES_LIMIT.name().toLowerCase(java.util.Locale.ROOT);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<EndpointStats, List<Meter>> remoteWriteMeters = new ConcurrentHashMap<>();

    public RelayMetrics(Head head) {
        // Two of Micrometer's names break Prometheus's naming rules (promtool flags an abbreviated unit and a
        // "_count" suffix on a gauge); the CPU usage gauges stay.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("system.cpu.count"));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gauge("promrelay.buffer.active.series", "Series in the buffer.", head, h -> h.stats().activeSeries());
        gauge("promrelay.buffer.chunk.bytes", "Bytes of compressed sample chunks in the buffer.", head, h -> h.stats().chunkBytes());
        gauge("promrelay.buffer.samples", "Samples held in the buffer.", head, h -> h.stats().samplesStored());
        counter("promrelay.buffer.samples.appended", "Samples appended to the buffer.", head, h -> h.stats().samplesAppended());
        counter("promrelay.buffer.series.added", "Series added to the buffer.", head, h -> h.stats().seriesCreated());
        counter("promrelay.buffer.series.removed", "Series removed from the buffer after retention.", head, h -> h.stats().seriesRemoved());
        gauge("promrelay.buffer.bytes", "Estimated bytes the buffer takes: chunks, series and their labels.", head,
                h -> h.stats().estimatedBytes());
        gauge("promrelay.buffer.max.bytes", "Byte cap of the buffer; the oldest data is evicted above 90% of it.", head,
                h -> h.stats().maxBytes());
        FunctionCounter.builder("promrelay.buffer.samples.evicted", head, h -> h.stats().samplesEvicted())
                .description("Samples evicted before their retention, by reason.").tag("reason", BYTES_LIMIT)
                .register(registry);
        FunctionCounter.builder("promrelay.buffer.series.evicted", head, h -> h.stats().seriesEvicted())
                .description("Idle series evicted before their retention, by reason.").tag("reason", BYTES_LIMIT)
                .register(registry);
        for (StorageException.Kind kind : StorageException.Kind.values()) {
            FunctionCounter.builder("promrelay.buffer.samples.rejected", head, h -> rejected(h.stats(), kind))
                    .description("Samples the buffer refused, by reason.")
                    .tag("reason", kind.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    /**
     * Whether the last config reload worked and when one last did, as Prometheus's
     * prometheus_config_last_reload_successful and prometheus_config_last_reload_success_timestamp_seconds.
     */
    public void configReloads(BooleanSupplier lastSucceeded, DoubleSupplier lastSuccessSeconds) {
        Gauge.builder("promrelay.config.last.reload.successful", () -> lastSucceeded.getAsBoolean() ? 1 : 0)
                .description("Whether the last configuration reload attempt was successful.").register(registry);
        Gauge.builder("promrelay.config.last.reload.success.timestamp.seconds", lastSuccessSeconds::getAsDouble)
                .description("Timestamp of the last successful configuration reload.").register(registry);
    }

    /** The metrics of one remote-write endpoint, labelled like Prometheus's with remote_name and url. */
    public void remoteWrite(EndpointStats endpoint) {
        Tags tags = Tags.of("remote_name", endpoint.remoteName(), "url", endpoint.url());
        List<Meter> meters = new ArrayList<>();
        meters.add(remoteCounter("samples.sent", "Samples the receiver accepted.", tags, endpoint,
                EndpointStats::samplesSent));
        meters.add(remoteCounter("samples.failed", "Samples in batches the receiver refused for good.", tags, endpoint,
                EndpointStats::samplesFailed));
        meters.add(remoteCounter("samples.retried", "Samples sent again after a recoverable error.", tags, endpoint,
                EndpointStats::samplesRetried));
        for (EndpointStats.DropReason reason : EndpointStats.DropReason.values()) {
            meters.add(FunctionCounter.builder("promrelay.remote.storage.samples.dropped", endpoint,
                            e -> e.samplesDropped(reason))
                    .description("Samples that will never be sent, by reason.")
                    .tags(tags.and("reason", reason.label()))
                    .register(registry));
        }
        meters.add(remoteCounter("sent.bytes", "Compressed request bytes the receiver accepted.", tags, endpoint,
                EndpointStats::bytesSent));
        meters.add(remoteCounter("metadata.sent", "Metric family descriptions the receiver accepted.", tags, endpoint,
                EndpointStats::metadataSent));
        meters.add(remoteGauge("samples.pending", "Samples read from the buffer and not yet sent.", tags, endpoint,
                EndpointStats::pendingSamples));
        meters.add(remoteGauge("shards", "Shards sending in parallel.", tags, endpoint, EndpointStats::shards));
        meters.add(remoteGauge("shards.desired", "Shards the backlog asks for.", tags, endpoint,
                EndpointStats::desiredShards));
        meters.add(remoteGauge("highest.sent.timestamp.seconds", "Newest sample timestamp the receiver accepted.",
                tags, endpoint, EndpointStats::highestSentTimestampSeconds));
        meters.add(remoteGauge("lag.seconds", "How far the newest accepted sample trails the newest appended one.",
                tags, endpoint, EndpointStats::lagSeconds));
        remoteWriteMeters.put(endpoint, List.copyOf(meters));
    }

    /**
     * Removes the metrics of an endpoint a reload stopped, so that its replacement under the same remote_name and
     * url reports its own figures, as a new queue in Prometheus does.
     */
    public void forgetRemoteWrite(EndpointStats endpoint) {
        List<Meter> meters = remoteWriteMeters.remove(endpoint);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
    }

    private Meter remoteCounter(String name, String help, Tags tags, EndpointStats endpoint,
                                ToDoubleFunction<EndpointStats> f) {
        return FunctionCounter.builder("promrelay.remote.storage." + name, endpoint, f).description(help).tags(tags)
                .register(registry);
    }

    private Meter remoteGauge(String name, String help, Tags tags, EndpointStats endpoint,
                              ToDoubleFunction<EndpointStats> f) {
        return Gauge.builder("promrelay.remote.storage." + name, endpoint, f).description(help).tags(tags).register(registry);
    }

    private static double rejected(HeadStats stats, StorageException.Kind kind) {
        return stats.rejected().getOrDefault(kind, 0L);
    }

    private <T> void gauge(String name, String help, T obj, ToDoubleFunction<T> f) {
        Gauge.builder(name, obj, f).description(help).register(registry);
    }

    private <T> void counter(String name, String help, T obj, ToDoubleFunction<T> f) {
        FunctionCounter.builder(name, obj, f).description(help).register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void scraped(ScrapeTarget target, boolean up, double durationSeconds, IngestResult result) {
        Counter.builder("promrelay.scrapes").description("Scrapes by job and result.")
                .tags("job", target.job(), "result", up ? "success" : "failure").register(registry).increment();
        if (!up) {
            Counter.builder("promrelay.scrape.failures").description("Failed scrapes by job and kind of failure.")
                    .tags("job", target.job(), "kind", target.lastScrape().diagnosis().kind().word())
                    .register(registry).increment();
        }
        Timer.builder("promrelay.scrape.duration").description("Time from the start of a scrape to its last append.")
                .tag("job", target.job()).register(registry).record(Duration.ofNanos((long) (durationSeconds * 1e9)));
        for (Map.Entry<StorageException.Kind, Integer> e : result.rejected().entrySet()) {
            Counter.builder("promrelay.scrape.samples.rejected").description("Scraped samples the buffer refused, by job and reason.")
                    .tags("job", target.job(), "reason", e.getKey().name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry).increment(e.getValue());
        }
    }

    @Override
    public void skipped(ScrapeTarget target) {
        Counter.builder("promrelay.scrapes.skipped").description("Scrapes skipped because the previous one was still being processed.")
                .tag("job", target.job()).register(registry).increment();
    }

    @Override
    public void refreshFailed(String job, String mechanism, String reason) {
        Counter.builder("promrelay.sd.refresh.failures").description("Failed discovery refreshes by job and mechanism.")
                .tags("job", job, "mechanism", mechanism).register(registry).increment();
    }
}
