package io.promrelay.testing;

import io.promrelay.remote.proto.Label;
import io.promrelay.remote.proto.Sample;
import io.promrelay.remote.proto.TimeSeries;
import io.promrelay.remote.proto.WriteRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.xerial.snappy.Snappy;

/** Remote-write request bodies built with the generated protobuf classes, for tests of the receiver. */
public final class RemoteWriteBodies {
    private RemoteWriteBodies() {
    }

    /** A series with labels exactly in the order given (name, value, name, value...), so tests can break the rules. */
    public static TimeSeries.Builder series(String... nameValues) {
        TimeSeries.Builder series = TimeSeries.newBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            series.addLabels(Label.newBuilder().setName(nameValues[i]).setValue(nameValues[i + 1]));
        }
        return series;
    }

    public static Sample sample(long timestampMillis, double value) {
        return Sample.newBuilder().setTimestamp(timestampMillis).setValue(value).build();
    }

    public static WriteRequest request(TimeSeries.Builder... series) {
        WriteRequest.Builder request = WriteRequest.newBuilder();
        for (TimeSeries.Builder s : series) {
            request.addTimeseries(s);
        }
        return request.build();
    }

    /** The body as a sender puts it on the wire: the message in one snappy block. */
    public static byte[] body(WriteRequest request) {
        return snappy(request.toByteArray());
    }

    public static byte[] snappy(byte[] bytes) {
        try {
            return Snappy.compress(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
