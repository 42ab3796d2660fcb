package io.promrelay.storage;

import io.promrelay.model.Labels;
import io.promrelay.model.MetricType;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of a snapshot ({@link SnapshotFormat}) whose checksum was verified. Every length and count
 * is checked against the bytes left, so even a body that passed the checksum by chance cannot make it
 * allocate more than the file holds.
 */
final class SnapshotReader {
    private final DataInputStream in;
    private long remaining;

    SnapshotReader(DataInputStream in, long bodyLength) {
        this.in = in;
        this.remaining = bodyLength;
    }

    SnapshotContents read() throws IOException, SnapshotCorruptException {
        try {
            long writtenAt = readLong();
            int endpoints = count("endpoints", 1);
            List<String> keys = new ArrayList<>(endpoints);
            for (int i = 0; i < endpoints; i++) {
                keys.add(readString());
            }
            Map<String, List<MetricMetadata>> metadata = readMetadata();
            int seriesCount = count("series", 1);
            List<SnapshotContents.Series> series = new ArrayList<>(seriesCount);
            for (int i = 0; i < seriesCount; i++) {
                series.add(readSeries(endpoints));
            }
            if (remaining != 0) {
                throw new SnapshotCorruptException("malformed body: " + remaining + " bytes after the last series");
            }
            return new SnapshotContents(writtenAt, keys, metadata, series);
        } catch (EOFException e) {
            throw new SnapshotCorruptException("malformed body: it ends early");
        }
    }

    private Map<String, List<MetricMetadata>> readMetadata() throws IOException, SnapshotCorruptException {
        int families = count("metadata families", 1);
        Map<String, List<MetricMetadata>> out = new LinkedHashMap<>();
        for (int i = 0; i < families; i++) {
            String family = readString();
            int variants = count("metadata variants", 3);
            List<MetricMetadata> list = new ArrayList<>(variants);
            for (int v = 0; v < variants; v++) {
                list.add(new MetricMetadata(type(readString()), readString(), readString()));
            }
            out.put(family, list);
        }
        return out;
    }

    private static MetricType type(String name) throws SnapshotCorruptException {
        try {
            return MetricType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SnapshotCorruptException("malformed body: unknown metric type \"" + name + "\"");
        }
    }

    private SnapshotContents.Series readSeries(int endpoints) throws IOException, SnapshotCorruptException {
        int pairs = count("labels", 2);
        Labels.Builder labels = new Labels.Builder();
        for (int i = 0; i < pairs; i++) {
            labels.set(readString(), readString());
        }
        long lastWrite = readLong();
        long lastTimestamp = readLong();
        double lastValue = Double.longBitsToDouble(readLong());
        long[] positions = new long[endpoints];
        for (int i = 0; i < endpoints; i++) {
            positions[i] = readLong();
        }
        int chunkCount = count("chunks", 1 + 2 * Long.BYTES + 1);
        XorChunk[] chunks = new XorChunk[chunkCount];
        for (int i = 0; i < chunkCount; i++) {
            int samples = count("samples", 0);
            long minTime = readLong();
            long maxTime = readLong();
            byte[] bytes = new byte[count("chunk bytes", 1)];
            readFully(bytes);
            chunks[i] = new XorChunk(bytes, samples, minTime, maxTime);
        }
        return new SnapshotContents.Series(labels.build(), new SavedSeries(chunks, lastTimestamp, lastValue, lastWrite),
                positions);
    }

    /** A uvarint count of items that take at least {@code minBytesEach} bytes each, checked against what is left. */
    private int count(String what, int minBytesEach) throws IOException, SnapshotCorruptException {
        long n = readUvarint();
        long limit = minBytesEach == 0 ? Integer.MAX_VALUE : Math.min(Integer.MAX_VALUE, remaining / minBytesEach);
        if (n > limit) {
            throw new SnapshotCorruptException("malformed body: " + n + " " + what + " cannot fit in the "
                    + remaining + " bytes left");
        }
        return (int) n;
    }

    private String readString() throws IOException, SnapshotCorruptException {
        byte[] bytes = new byte[count("string bytes", 1)];
        readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void readFully(byte[] bytes) throws IOException {
        in.readFully(bytes);
        remaining -= bytes.length;
    }

    private long readLong() throws IOException {
        remaining -= Long.BYTES;
        return in.readLong();
    }

    private long readUvarint() throws IOException, SnapshotCorruptException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            remaining--;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new SnapshotCorruptException("malformed body: a varint longer than 10 bytes");
    }
}
