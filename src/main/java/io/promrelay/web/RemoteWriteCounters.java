package io.promrelay.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Self-metrics of {@code POST /api/v1/write}. */
final class RemoteWriteCounters {
    private final MeterRegistry registry;
    private final Counter seriesReceived;
    private final Counter samplesReceived;
    private final Counter samplesWritten;

    RemoteWriteCounters(MeterRegistry registry) {
        this.registry = registry;
        this.seriesReceived = Counter.builder("promrelay.remote.write.series.received")
                .description("Series entries in remote-write requests that decoded.").register(registry);
        this.samplesReceived = Counter.builder("promrelay.remote.write.samples.received")
                .description("Samples in remote-write requests that decoded.").register(registry);
        this.samplesWritten = Counter.builder("promrelay.remote.write.samples.written")
                .description("Samples of remote-write requests committed to the buffer.").register(registry);
    }

    void answered(int code) {
        Counter.builder("promrelay.remote.write.requests").description("Remote-write requests by HTTP status.")
                .tag("code", String.valueOf(code)).register(registry).increment();
    }

    void received(long series, long samples) {
        seriesReceived.increment(series);
        samplesReceived.increment(samples);
    }

    void written(long samples) {
        samplesWritten.increment(samples);
    }

    /** A refused request and the samples it carried (0 when it did not decode). */
    void rejected(String reason, long samples) {
        Counter.builder("promrelay.remote.write.requests.rejected").description("Remote-write requests refused, by reason.")
                .tag("reason", reason).register(registry).increment();
        Counter.builder("promrelay.remote.write.samples.rejected")
                .description("Samples of remote-write requests refused as a whole, by reason.")
                .tag("reason", reason).register(registry).increment(samples);
    }
}
