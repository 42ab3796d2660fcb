package io.promrelay.remote;

import com.google.protobuf.InvalidProtocolBufferException;
import io.promrelay.model.MetricNames;
import io.promrelay.model.MetricType;
import io.promrelay.remote.proto.MetricMetadata;
import io.promrelay.remote.proto.Sample;
import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the body of a remote-write request (a snappy block holding a protobuf {@code WriteRequest}) into validated
 * series and metadata, or refuses the whole request. Exemplars are read and ignored: the buffer keeps none.
 * Not thread-safe; use one per thread or per request.
 */
public final class WriteRequestDecoder {
    /**
     * The most messages one request may hold: ten times a large agent batch (vmagent's 8 MiB blocks hold about
     * 100,000), and at most some 150 MB of protobuf objects while it is decoded.
     */
    public static final long MAX_ENTRIES = 1_000_000;

    private final int maxUncompressedBytes;
    private final PushedLabels labels = new PushedLabels();

    /** @param maxUncompressedBytes the largest protobuf message accepted, checked before it is allocated */
    public WriteRequestDecoder(int maxUncompressedBytes) {
        if (maxUncompressedBytes <= 0) {
            throw new IllegalArgumentException("maxUncompressedBytes must be positive, got " + maxUncompressedBytes);
        }
        this.maxUncompressedBytes = maxUncompressedBytes;
    }

    public DecodedWrite decode(byte[] body) throws RemoteWriteException {
        byte[] message = SnappyBlock.uncompress(body, maxUncompressedBytes);
        if (WriteRequestEntries.count(message, MAX_ENTRIES) > MAX_ENTRIES) {
            throw new RemoteWriteException(Rejection.TOO_LARGE, "request holds more than " + MAX_ENTRIES
                    + " entries (series, labels, samples, exemplars and metadata together); send smaller batches");
        }
        WriteRequest request = parse(message);
        List<PushedSeries> series = new ArrayList<>(request.getTimeseriesCount());
        for (TimeSeries ts : request.getTimeseriesList()) {
            series.add(series(ts));
        }
        List<PushedMetadata> metadata = new ArrayList<>(request.getMetadataCount());
        for (MetricMetadata m : request.getMetadataList()) {
            metadata.add(metadata(m));
        }
        return new DecodedWrite(series, metadata);
    }

    private static WriteRequest parse(byte[] message) throws RemoteWriteException {
        try {
            return WriteRequest.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            throw new RemoteWriteException(Rejection.BAD_PROTOBUF, "protobuf: cannot decode WriteRequest: " + e.getMessage());
        }
    }

    private PushedSeries series(TimeSeries ts) throws RemoteWriteException {
        int n = ts.getSamplesCount();
        long[] timestamps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            Sample s = ts.getSamples(i);
            timestamps[i] = s.getTimestamp();
            values[i] = s.getValue();
        }
        return new PushedSeries(labels.build(ts.getLabelsList()), timestamps, values);
    }

    private static PushedMetadata metadata(MetricMetadata m) throws RemoteWriteException {
        String family = m.getMetricFamilyName();
        if (!MetricNames.isValidMetricName(family)) {
            throw new RemoteWriteException(Rejection.INVALID_METADATA,
                    "invalid metric family name \"" + family + "\" in metadata");
        }
        MetricType type = switch (m.getType()) {
            case COUNTER -> MetricType.COUNTER;
            case GAUGE -> MetricType.GAUGE;
            case HISTOGRAM -> MetricType.HISTOGRAM;
            case GAUGEHISTOGRAM -> MetricType.GAUGEHISTOGRAM;
            case SUMMARY -> MetricType.SUMMARY;
            case INFO -> MetricType.INFO;
            case STATESET -> MetricType.STATESET;
            case UNKNOWN, UNRECOGNIZED -> MetricType.UNKNOWN;
        };
        return new PushedMetadata(family, new io.promrelay.storage.MetricMetadata(type, m.getHelp(), m.getUnit()));
    }
}
