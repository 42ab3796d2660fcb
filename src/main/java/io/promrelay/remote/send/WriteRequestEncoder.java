package io.promrelay.remote.send;

import com.google.protobuf.CodedOutputStream;
import io.promrelay.model.Labels;
import io.promrelay.remote.proto.WriteRequest;
import io.promrelay.storage.MetricMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.xerial.snappy.Snappy;

/**
 * Remote write 1.0 request bodies: a protobuf {@code WriteRequest}, snappy block-compressed. Samples are
 * written straight to the wire with each series' label fields pre-encoded once, rather than through
 * message builders, because this runs for every sample that leaves the relay. Consecutive samples of one
 * series share one {@code TimeSeries}.
 */
final class WriteRequestEncoder {
    private static final int WRITE_REQUEST_TIMESERIES = 1;
    private static final int TIMESERIES_LABELS = 1;
    private static final int TIMESERIES_SAMPLES = 2;
    private static final int LABEL_NAME = 1;
    private static final int LABEL_VALUE = 2;
    private static final int SAMPLE_VALUE = 1;
    private static final int SAMPLE_TIMESTAMP = 2;

    private WriteRequestEncoder() {
    }

    /** The {@code labels} fields of a TimeSeries for this label set, in its (sorted) order. */
    static byte[] encodeLabels(Labels labels) {
        int size = 0;
        for (int i = 0; i < labels.size(); i++) {
            int label = labelSize(labels, i);
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(label) + label;
        }
        byte[] out = new byte[size];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            for (int i = 0; i < labels.size(); i++) {
                o.writeTag(TIMESERIES_LABELS, 2);
                o.writeUInt32NoTag(labelSize(labels, i));
                o.writeString(LABEL_NAME, labels.name(i));
                o.writeString(LABEL_VALUE, labels.value(i));
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static int labelSize(Labels labels, int i) {
        return CodedOutputStream.computeStringSize(LABEL_NAME, labels.name(i))
                + CodedOutputStream.computeStringSize(LABEL_VALUE, labels.value(i));
    }

    /** The compressed body for a batch of samples. */
    static byte[] encode(Batch batch) {
        int n = batch.size();
        int total = 0;
        for (int start = 0; start < n; ) {
            int end = runEnd(batch, start);
            int size = timeSeriesSize(batch, start, end);
            total += 1 + CodedOutputStream.computeUInt32SizeNoTag(size) + size;
            start = end;
        }
        byte[] out = new byte[total];
        CodedOutputStream o = CodedOutputStream.newInstance(out);
        try {
            for (int start = 0; start < n; ) {
                int end = runEnd(batch, start);
                o.writeTag(WRITE_REQUEST_TIMESERIES, 2);
                o.writeUInt32NoTag(timeSeriesSize(batch, start, end));
                o.writeRawBytes(batch.series()[start].encodedLabels());
                for (int i = start; i < end; i++) {
                    o.writeTag(TIMESERIES_SAMPLES, 2);
                    o.writeUInt32NoTag(sampleSize(batch.timestamps()[i]));
                    o.writeDouble(SAMPLE_VALUE, batch.values()[i]);
                    o.writeInt64(SAMPLE_TIMESTAMP, batch.timestamps()[i]);
                }
                start = end;
            }
            o.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compress(out);
    }

    /** The compressed body for metric metadata: the newest description of each family. */
    static byte[] encodeMetadata(List<Map.Entry<String, MetricMetadata>> families) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (Map.Entry<String, MetricMetadata> family : families) {
            MetricMetadata m = family.getValue();
            request.addMetadata(io.promrelay.remote.proto.MetricMetadata.newBuilder()
                    .setMetricFamilyName(family.getKey())
                    .setType(io.promrelay.remote.proto.MetricMetadata.MetricType.valueOf(m.type().name()))
                    .setHelp(m.help())
                    .setUnit(m.unit()));
        }
        return compress(request.build().toByteArray());
    }

    private static int runEnd(Batch batch, int start) {
        OutgoingSeries series = batch.series()[start];
        int end = start + 1;
        while (end < batch.size() && batch.series()[end] == series) {
            end++;
        }
        return end;
    }

    private static int timeSeriesSize(Batch batch, int start, int end) {
        int size = batch.series()[start].encodedLabels().length;
        for (int i = start; i < end; i++) {
            int sample = sampleSize(batch.timestamps()[i]);
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(sample) + sample;
        }
        return size;
    }

    private static int sampleSize(long timestamp) {
        return CodedOutputStream.computeDoubleSize(SAMPLE_VALUE, 0)
                + CodedOutputStream.computeInt64Size(SAMPLE_TIMESTAMP, timestamp);
    }

    private static byte[] compress(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compression failed", e);
        }
    }
}
