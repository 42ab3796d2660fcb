package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes the body of a snapshot ({@link SnapshotFormat}) of a buffer and its cursors' positions. */
final class SnapshotWriter {
    private final DataOutputStream out;

    SnapshotWriter(DataOutputStream out) {
        this.out = out;
    }

    /** What was written, for the log line. */
    record Written(long series, long chunks, long samples) {
    }

    /** @param positions by endpoint key */
    Written write(Head head, Map<String, CursorPositions> positions, long nowMillis) throws IOException {
        out.writeLong(nowMillis);
        List<String> keys = List.copyOf(positions.keySet());
        writeUvarint(keys.size());
        for (String key : keys) {
            writeString(key);
        }
        writeMetadata(head.metadata().snapshot(null, 0));
        // Saved first so the count is known; saving takes references to the immutable chunks, not copies.
        List<MemSeries> series = new ArrayList<>();
        List<SavedSeries> saved = new ArrayList<>();
        head.forEachSeries(s -> {
            series.add(s);
            saved.add(s.save());
        });
        writeUvarint(series.size());
        long chunks = 0;
        long samples = 0;
        for (int i = 0; i < series.size(); i++) {
            SavedSeries s = saved.get(i);
            writeSeries(series.get(i), s, keys, positions);
            chunks += s.chunks().length;
            samples += s.samples();
        }
        out.flush();
        return new Written(series.size(), chunks, samples);
    }

    private void writeMetadata(Map<String, List<MetricMetadata>> families) throws IOException {
        writeUvarint(families.size());
        for (Map.Entry<String, List<MetricMetadata>> family : families.entrySet()) {
            writeString(family.getKey());
            writeUvarint(family.getValue().size());
            for (MetricMetadata m : family.getValue()) {
                writeString(m.type().name());
                writeString(m.help());
                writeString(m.unit());
            }
        }
    }

    private void writeSeries(MemSeries series, SavedSeries saved, List<String> keys,
                             Map<String, CursorPositions> positions) throws IOException {
        Labels labels = series.labels;
        writeUvarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            writeString(labels.name(i));
            writeString(labels.value(i));
        }
        out.writeLong(saved.lastWriteMillis());
        out.writeLong(saved.lastTimestamp());
        out.writeLong(Double.doubleToRawLongBits(saved.lastValue()));
        for (String key : keys) {
            out.writeLong(positions.get(key).of(series.ref));
        }
        writeUvarint(saved.chunks().length);
        for (XorChunk chunk : saved.chunks()) {
            writeUvarint(chunk.count());
            out.writeLong(chunk.minTime());
            out.writeLong(chunk.maxTime());
            writeUvarint(chunk.bytes().length);
            out.write(chunk.bytes());
        }
    }

    private void writeString(String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeUvarint(bytes.length);
        out.write(bytes);
    }

    private void writeUvarint(long value) throws IOException {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
