package io.promrelay.remote.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import io.promrelay.model.StaleNaN;
import io.promrelay.remote.proto.Label;
import io.promrelay.remote.proto.MetricMetadata;
import io.promrelay.remote.proto.Sample;
import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** What we send decodes, with the protocol's own generated classes, to exactly the samples we meant. */
class WriteRequestEncoderTest {
    private static final OutgoingSeries LOAD = OutgoingSeries.of(1,
            Labels.of("__name__", "node_load1", "instance", "a:9100", "job", "node", "zone", "ünïcode ✓"));
    private static final OutgoingSeries UP = OutgoingSeries.of(2, Labels.of("__name__", "up", "job", "node"));

    private static WriteRequest decode(byte[] body) throws Exception {
        return WriteRequest.parseFrom(Snappy.uncompress(body));
    }

    private static TimeSeries series(OutgoingSeries s, double[] values, long... timestamps) {
        TimeSeries.Builder b = TimeSeries.newBuilder();
        Labels labels = s.labels();
        for (int i = 0; i < labels.size(); i++) {
            b.addLabels(Label.newBuilder().setName(labels.name(i)).setValue(labels.value(i)));
        }
        for (int i = 0; i < timestamps.length; i++) {
            b.addSamples(Sample.newBuilder().setTimestamp(timestamps[i]).setValue(values[i]));
        }
        return b.build();
    }

    @Test
    void consecutiveSamplesOfASeriesShareATimeSeriesAndOrderIsKept() throws Exception {
        Batch batch = new Batch(new OutgoingSeries[] {LOAD, LOAD, UP, LOAD},
                new long[] {1_700_000_000_000L, 1_700_000_015_000L, 0, -5},
                new double[] {0.25, 1e300, 1, -0.0}, 1_700_000_015_000L);

        WriteRequest decoded = decode(WriteRequestEncoder.encode(batch));

        assertEquals(List.of(
                series(LOAD, new double[] {0.25, 1e300}, 1_700_000_000_000L, 1_700_000_015_000L),
                series(UP, new double[] {1}, 0),
                series(LOAD, new double[] {-0.0}, -5)), decoded.getTimeseriesList());
    }

    @Test
    void staleMarkersTravelAsTheStaleNaNBits() throws Exception {
        Batch batch = new Batch(new OutgoingSeries[] {UP}, new long[] {42}, new double[] {StaleNaN.VALUE}, 42);

        double sent = decode(WriteRequestEncoder.encode(batch)).getTimeseries(0).getSamples(0).getValue();

        assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(sent));
    }

    @Test
    void metadataCarriesTypeHelpAndUnit() throws Exception {
        byte[] body = WriteRequestEncoder.encodeMetadata(List.of(
                Map.entry("node_cpu_seconds", new io.promrelay.storage.MetricMetadata(MetricType.COUNTER,
                        "Seconds the CPUs spent in each mode.", "seconds")),
                Map.entry("x", new io.promrelay.storage.MetricMetadata(MetricType.STATESET, "", ""))));

        WriteRequest decoded = decode(body);

        assertEquals(List.of(
                MetricMetadata.newBuilder().setMetricFamilyName("node_cpu_seconds")
                        .setType(MetricMetadata.MetricType.COUNTER).setHelp("Seconds the CPUs spent in each mode.")
                        .setUnit("seconds").build(),
                MetricMetadata.newBuilder().setMetricFamilyName("x").setType(MetricMetadata.MetricType.STATESET)
                        .build()), decoded.getMetadataList());
        assertEquals(0, decoded.getTimeseriesCount());
    }
}
