package io.promrelay.remote;

import static io.promrelay.testing.RemoteWriteBodies.body;
import static io.promrelay.testing.RemoteWriteBodies.request;
import static io.promrelay.testing.RemoteWriteBodies.sample;
import static io.promrelay.testing.RemoteWriteBodies.series;
import static io.promrelay.testing.RemoteWriteBodies.snappy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import io.promrelay.model.StaleNaN;
import io.promrelay.remote.proto.MetricMetadata;
import io.promrelay.remote.proto.WriteRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WriteRequestDecoderTest {
    private static final int LIMIT = 1024 * 1024;
    private final WriteRequestDecoder decoder = new WriteRequestDecoder(LIMIT);

    @Test
    void decodesSeriesSamplesAndMetadata() throws Exception {
        WriteRequest request = WriteRequest.newBuilder(request(
                        series("__name__", "up", "instance", "a:9100", "job", "node")
                                .addSamples(sample(1000, 1)).addSamples(sample(2000, 0)),
                        series("__name__", "node_load1", "job", "node").addSamples(sample(1500, 0.25))))
                .addMetadata(MetricMetadata.newBuilder().setMetricFamilyName("node_load1")
                        .setType(MetricMetadata.MetricType.GAUGE).setHelp("1m load average.").setUnit("load"))
                .build();

        DecodedWrite decoded = decoder.decode(body(request));

        assertEquals(2, decoded.series().size());
        PushedSeries up = decoded.series().get(0);
        assertEquals(Labels.of("__name__", "up", "instance", "a:9100", "job", "node"), up.labels());
        assertArrayEquals(new long[] {1000, 2000}, up.timestamps());
        assertArrayEquals(new double[] {1, 0}, up.values());
        assertEquals(Labels.of("__name__", "node_load1", "job", "node"), decoded.series().get(1).labels());
        assertEquals(3, decoded.samples());
        assertEquals(List.of(new PushedMetadata("node_load1",
                new io.promrelay.storage.MetricMetadata(MetricType.GAUGE, "1m load average.", "load"))), decoded.metadata());
    }

    @Test
    void keepsTheBitsOfStaleMarkersAndOtherNaNs() throws Exception {
        double otherNaN = Double.longBitsToDouble(0x7ff8_0000_0000_0001L);
        WriteRequest request = request(series("__name__", "gone").addSamples(sample(1, StaleNaN.VALUE))
                .addSamples(sample(2, otherNaN)).addSamples(sample(3, -0.0)));

        double[] values = decoder.decode(body(request)).series().get(0).values();

        assertEquals(StaleNaN.BITS, Double.doubleToRawLongBits(values[0]));
        assertEquals(0x7ff8_0000_0000_0001L, Double.doubleToRawLongBits(values[1]));
        assertEquals(Long.MIN_VALUE, Double.doubleToRawLongBits(values[2]), "negative zero");
    }

    @Test
    void dropsLabelsWithEmptyValuesAsPrometheusTreatsThemAsAbsent() throws Exception {
        WriteRequest request = request(series("__name__", "up", "env", "", "job", "node").addSamples(sample(1, 1)));

        assertEquals(Labels.of("__name__", "up", "job", "node"), decoder.decode(body(request)).series().get(0).labels());
    }

    @Test
    void acceptsARequestWithoutSeries() throws Exception {
        DecodedWrite decoded = decoder.decode(body(WriteRequest.getDefaultInstance()));

        assertEquals(List.of(), decoded.series());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unsorted          | job,node,__name__,up        | invalid labels for series {job="node", __name__="up"}: labels not sorted by name (job before __name__)
            duplicated        | __name__,up,job,a,job,b     | invalid labels for series {__name__="up", job="a", job="b"}: duplicated label job
            empty name        | __name__,up,,x              | invalid labels for series {__name__="up", ="x"}: empty label name
            bad label name    | __name__,up,1job,x          | invalid labels for series {__name__="up", 1job="x"}: invalid label name "1job"
            dash in name      | __name__,up,my-job,x        | invalid labels for series {__name__="up", my-job="x"}: invalid label name "my-job"
            bad metric name   | __name__,1up,job,x          | invalid labels for series {__name__="1up", job="x"}: invalid metric name "1up"
            no metric name    | instance,a,job,x            | invalid labels for series {instance="a", job="x"}: no metric name (label __name__)
            empty metric name | __name__,,job,x             | invalid labels for series {__name__="", job="x"}: invalid metric name ""
            """)
    void refusesSeriesWhoseLabelsBreakTheRules(String rule, String labels, String message) {
        String[] pairs = labels.split(",", -1);
        WriteRequest request = request(series("__name__", "fine").addSamples(sample(1, 1)),
                series(pairs).addSamples(sample(1, 1)));

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(body(request)));

        assertEquals(Rejection.INVALID_LABELS, e.rejection(), rule);
        assertEquals(message, e.getMessage(), rule);
    }

    @Test
    void acceptsColonsInMetricNamesOnly() throws Exception {
        WriteRequest request = request(series("__name__", "job:up:sum", "job", "x").addSamples(sample(1, 1)));

        assertEquals("job:up:sum", decoder.decode(body(request)).series().get(0).labels().metricName());
        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(body(
                request(series("__name__", "up", "a:b", "x").addSamples(sample(1, 1))))));
        assertEquals("invalid labels for series {__name__=\"up\", a:b=\"x\"}: invalid label name \"a:b\"", e.getMessage());
    }

    @Test
    void refusesMetadataWithoutAValidFamilyName() {
        WriteRequest request = WriteRequest.newBuilder()
                .addMetadata(MetricMetadata.newBuilder().setType(MetricMetadata.MetricType.COUNTER).setHelp("h"))
                .build();

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(body(request)));

        assertEquals(Rejection.INVALID_METADATA, e.rejection());
        assertEquals("invalid metric family name \"\" in metadata", e.getMessage());
    }

    @Test
    void refusesABodyThatIsNotSnappy() {
        RemoteWriteException e = assertThrows(RemoteWriteException.class,
                () -> decoder.decode(request(series("__name__", "up").addSamples(sample(1, 1))).toByteArray()));

        assertEquals(Rejection.BAD_SNAPPY, e.rejection());
        assertTrue(e.getMessage().startsWith("snappy: corrupt input: "), e.getMessage());
    }

    @Test
    void refusesAnEmptyBodyAndAnUnterminatedLengthHeader() {
        RemoteWriteException empty = assertThrows(RemoteWriteException.class, () -> decoder.decode(new byte[0]));
        RemoteWriteException unterminated = assertThrows(RemoteWriteException.class,
                () -> decoder.decode(new byte[] {(byte) 0x80, (byte) 0x80}));

        assertEquals("snappy: corrupt input: empty body", empty.getMessage());
        assertEquals("snappy: corrupt input: unterminated length header", unterminated.getMessage());
    }

    @Test
    void refusesSnappyWhoseContentIsNotAWriteRequest() {
        // Field 1 (timeseries) announced as 127 bytes long with only two following.
        byte[] truncated = {0x0a, 0x7f, 0x0a, 0x00};

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(snappy(truncated)));

        assertEquals(Rejection.BAD_PROTOBUF, e.rejection());
        assertTrue(e.getMessage().startsWith("protobuf: cannot decode WriteRequest: "), e.getMessage());
    }

    @Test
    void refusesLabelValuesThatAreNotUtf8() {
        byte[] message = request(series("__name__", "up", "job", "ab").addSamples(sample(1, 1))).toByteArray();
        int value = indexOf(message, "ab".getBytes());
        message[value] = (byte) 0xc3;
        message[value + 1] = (byte) 0x28;

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(snappy(message)));

        assertEquals(Rejection.BAD_PROTOBUF, e.rejection());
    }

    @Test
    void refusesALengthHeaderAboveWhatTheBlockCanHoldBeforeAllocating() {
        // 1,000,000 bytes declared (under the limit) in a block of 5 bytes, which can hold at most 22 per byte.
        byte[] body = {(byte) 0xc0, (byte) 0x84, 0x3d, 0x00, 0x01};

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(body));

        assertEquals(Rejection.BAD_SNAPPY, e.rejection());
        assertEquals("snappy: corrupt input: block declares 1000000 bytes uncompressed, more than its 2 compressed "
                + "bytes can hold", e.getMessage());
    }

    @Test
    void acceptsTheMostCompressibleBlocks() throws Exception {
        WriteRequest request = request(series("__name__", "z".repeat(100_000)).addSamples(sample(1, 0)));

        assertEquals(100_000, decoder.decode(body(request)).series().get(0).labels().metricName().length());
    }

    @Test
    void refusesAnOversizedLengthHeaderBeforeAllocating() {
        // 2^32 - 1 bytes: more than any Java array, so allocating first could not have got this far.
        byte[] body = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x00};

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(body));

        assertEquals(Rejection.TOO_LARGE, e.rejection());
        assertEquals("snappy block declares 4294967295 bytes uncompressed, more than the limit of 1048576 bytes",
                e.getMessage());
    }

    @Test
    void theLimitAppliesToTheUncompressedSize() throws Exception {
        byte[] message = request(series("__name__", "up", "job", "x".repeat(200)).addSamples(sample(1, 1))).toByteArray();
        byte[] body = snappy(message);

        assertEquals(1, new WriteRequestDecoder(message.length).decode(body).series().size());
        RemoteWriteException e = assertThrows(RemoteWriteException.class,
                () -> new WriteRequestDecoder(message.length - 1).decode(body));
        assertEquals(Rejection.TOO_LARGE, e.rejection());
    }

    @Test
    void refusesALengthHeaderThatDisagreesWithTheBlock() {
        byte[] body = snappy(request(series("__name__", "up").addSamples(sample(1, 1))).toByteArray());
        body[0]++;

        RemoteWriteException e = assertThrows(RemoteWriteException.class, () -> decoder.decode(body));

        assertEquals(Rejection.BAD_SNAPPY, e.rejection());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
