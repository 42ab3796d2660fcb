package io.promrelay.remote;

import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.remote.proto.Exemplar;
import io.promrelay.remote.proto.Label;
import io.promrelay.remote.proto.MetricMetadata;
import io.promrelay.remote.proto.WriteRequest;
import org.junit.jupiter.api.Test;

class WriteRequestEntriesTest {
    @Test
    void countsEveryNestedMessage() {
        WriteRequest request = request(
                series("__name__", "up", "job", "a", "instance", "x").addSamples(sample(1, 1)).addSamples(sample(2, 1))
                        .addExemplars(Exemplar.newBuilder().addLabels(Label.newBuilder().setName("trace_id")
                                .setValue("abc")).setValue(1).setTimestamp(1)),
                series("__name__", "up", "job", "b").addSamples(sample(1, 0)))
                .toBuilder().addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("up")).build();
        // 2 series + 5 labels + 3 samples + 1 exemplar with 1 label + 1 metadata entry.
        assertEquals(13, WriteRequestEntries.count(request.toByteArray(), 100));
    }

    @Test
    void stopsCountingPastTheLimit() {
        byte[] emptyEntries = new byte[2 * 50];
        for (int i = 0; i < emptyEntries.length; i += 2) {
            emptyEntries[i] = 0x0a;
        }
        assertEquals(50, WriteRequestEntries.count(emptyEntries, 100));
        assertTrue(WriteRequestEntries.count(emptyEntries, 10) > 10);
    }

    @Test
    void malformedInputIsCountedAsFarAsItReads() {
        byte[] truncated = {0x0a, 0x00, 0x0a, 0x7f, 0x01};
        assertEquals(1, WriteRequestEntries.count(truncated, 100));
    }
}
