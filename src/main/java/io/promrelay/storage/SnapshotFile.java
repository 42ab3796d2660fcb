package io.promrelay.storage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * The buffer's snapshot in a data directory: written at shutdown, restored at the next start, so a restart
 * loses neither buffered samples nor the remote-write endpoints' places in them.
 *
 * <p>Writing goes to a temporary file that is synced and then renamed over {@value #NAME} (and the directory
 * synced), so a crash while writing leaves the previous state, never half a snapshot. A file that cannot be
 * restored (wrong magic or version, short, checksum mismatch, malformed) is renamed aside to
 * {@code snapshot.corrupt-<UTC time>} with a warning, and the relay starts empty rather than failing. A
 * restored snapshot is deleted at once: it describes the buffer at the last shutdown only, and restoring it
 * again after a later crash would bring back samples the remote-write endpoints had sent since.
 *
 * <p>All methods do blocking file IO; call them off the event loop.
 */
public final class SnapshotFile {
    public static final String NAME = "snapshot";
    private static final Logger LOG = Logger.getLogger(SnapshotFile.class.getName());
    private static final String TEMP_NAME = NAME + ".tmp";
    private static final int IO_BUFFER_BYTES = 1 << 20;
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Path file;
    private final LongSupplier clockMillis;

    private SnapshotFile(Path dir, LongSupplier clockMillis) {
        this.dir = dir;
        this.file = dir.resolve(NAME);
        this.clockMillis = clockMillis;
    }

    /**
     * The snapshot of data directory {@code dir}, created when missing; a temporary file an interrupted write
     * left behind is removed.
     *
     * @throws IOException when the directory cannot be created or is not a writable directory
     */
    public static SnapshotFile in(Path dir, LongSupplier clockMillis) throws IOException {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new IOException("not writable");
            }
            Files.deleteIfExists(dir.resolve(TEMP_NAME));
        } catch (IOException e) {
            throw new IOException("data directory " + dir + " cannot be used: " + e, e);
        }
        return new SnapshotFile(dir, clockMillis);
    }

    public Path path() {
        return file;
    }

    /** How a write went, for the log and for tests. */
    public record Saved(long series, long chunks, long samples, long bytes, long millis) {
    }

    /**
     * Writes a snapshot of {@code head} and the positions of the remote-write cursors, replacing any earlier one.
     *
     * @param positions by endpoint key
     */
    public Saved save(Head head, Map<String, CursorPositions> positions) throws IOException {
        long start = System.nanoTime();
        Path temp = dir.resolve(TEMP_NAME);
        SnapshotWriter.Written written;
        long size;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.position(SnapshotFormat.HEADER_BYTES);
            CRC32C crc = new CRC32C();
            // Not closed: closing would close the channel before the trailer and header are written.
            DataOutputStream body = new DataOutputStream(new BufferedOutputStream(
                    new CheckedOutputStream(Channels.newOutputStream(channel), crc), IO_BUFFER_BYTES));
            written = new SnapshotWriter(body).write(head, positions, clockMillis.getAsLong());
            long bodyLength = channel.position() - SnapshotFormat.HEADER_BYTES;
            writeFully(channel, ByteBuffer.allocate(SnapshotFormat.TRAILER_BYTES).putInt((int) crc.getValue()).flip());
            ByteBuffer header = ByteBuffer.allocate(SnapshotFormat.HEADER_BYTES)
                    .put(SnapshotFormat.MAGIC).putInt(SnapshotFormat.VERSION).putLong(bodyLength).flip();
            channel.position(0);
            writeFully(channel, header);
            channel.force(true);
            size = channel.size();
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        Saved saved = new Saved(written.series(), written.chunks(), written.samples(), size,
                (System.nanoTime() - start) / 1_000_000);
        LOG.info("snapshot of " + saved.series() + " series (" + saved.samples() + " samples, " + saved.bytes()
                + " bytes) with the positions of " + positions.size() + " remote write endpoint(s) written to " + file
                + " in " + saved.millis() + " ms");
        return saved;
    }

    /**
     * Restores the snapshot, if there is one, into {@code head}, which must be new, and removes the file. A
     * snapshot that cannot be restored is moved aside with a warning and nothing is restored.
     *
     * @return the restored cursor positions by endpoint key, in {@code head}'s references; empty without a snapshot
     */
    public Map<String, CursorPositions> restoreInto(Head head) {
        SnapshotContents contents;
        try {
            contents = read();
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (SnapshotCorruptException | IOException e) {
            moveAside(e instanceof SnapshotCorruptException ? e.getMessage() : "unreadable: " + e);
            return Map.of();
        }
        Map<String, CursorPositions> positions = install(contents, head);
        try {
            Files.delete(file);
            syncDirectory();
        } catch (IOException e) {
            LOG.warning("snapshot " + file + " was restored but cannot be removed, so a later start would restore it"
                    + " again: " + e);
        }
        return positions;
    }

    private SnapshotContents read() throws IOException, SnapshotCorruptException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw new SnapshotCorruptException("empty file");
            }
            if (size < SnapshotFormat.HEADER_BYTES + SnapshotFormat.TRAILER_BYTES) {
                throw new SnapshotCorruptException("short file: " + size + " bytes, less than a header and trailer");
            }
            ByteBuffer header = ByteBuffer.allocate(SnapshotFormat.HEADER_BYTES);
            readFully(channel, header, 0);
            byte[] magic = new byte[SnapshotFormat.MAGIC.length];
            header.flip().get(magic);
            if (!Arrays.equals(magic, SnapshotFormat.MAGIC)) {
                throw new SnapshotCorruptException("bad magic: not a promrelay snapshot");
            }
            int version = header.getInt();
            if (version != SnapshotFormat.VERSION) {
                throw new SnapshotCorruptException("unsupported version " + Integer.toUnsignedString(version)
                        + " (this build reads version " + SnapshotFormat.VERSION + ")");
            }
            long bodyLength = header.getLong();
            long expected = SnapshotFormat.HEADER_BYTES + bodyLength + SnapshotFormat.TRAILER_BYTES;
            if (bodyLength < 0 || expected != size) {
                throw new SnapshotCorruptException("truncated or padded: the header promises "
                        + (SnapshotFormat.HEADER_BYTES + bodyLength + SnapshotFormat.TRAILER_BYTES)
                        + " bytes, the file has " + size);
            }
            verifyChecksum(channel, bodyLength);
            channel.position(SnapshotFormat.HEADER_BYTES);
            DataInputStream body = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel),
                    IO_BUFFER_BYTES));
            return new SnapshotReader(body, bodyLength).read();
        }
    }

    /** A first pass over the body, so no byte of a damaged file is believed. */
    private static void verifyChecksum(FileChannel channel, long bodyLength) throws IOException, SnapshotCorruptException {
        CRC32C crc = new CRC32C();
        ByteBuffer buffer = ByteBuffer.allocateDirect(IO_BUFFER_BYTES);
        long position = SnapshotFormat.HEADER_BYTES;
        long end = position + bodyLength;
        while (position < end) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
            position += readFully(channel, buffer, position);
            crc.update(buffer.flip());
        }
        ByteBuffer trailer = ByteBuffer.allocate(SnapshotFormat.TRAILER_BYTES);
        readFully(channel, trailer, end);
        int stored = trailer.flip().getInt();
        if (stored != (int) crc.getValue()) {
            throw new SnapshotCorruptException("checksum mismatch: the body's CRC32C is "
                    + Long.toHexString(crc.getValue()) + ", the file says " + Integer.toHexString(stored));
        }
    }

    private Map<String, CursorPositions> install(SnapshotContents contents, Head head) {
        List<String> keys = contents.endpointKeys();
        CursorPositions.Builder[] builders = new CursorPositions.Builder[keys.size()];
        Arrays.setAll(builders, i -> new CursorPositions.Builder());
        long restored = 0;
        long skipped = 0;
        long samples = 0;
        for (SnapshotContents.Series series : contents.series()) {
            MemSeries created = head.restore(series.labels(), series.saved());
            if (created == null) {
                skipped++;
                continue;
            }
            restored++;
            samples += series.saved().samples();
            for (int i = 0; i < builders.length; i++) {
                builders[i].add(created.ref, series.positions()[i]);
            }
        }
        for (Map.Entry<String, List<MetricMetadata>> family : contents.metadata().entrySet()) {
            // Put oldest first, so the newest description ends up first as it was.
            List<MetricMetadata> variants = family.getValue();
            for (int i = variants.size() - 1; i >= 0; i--) {
                head.metadata().put(family.getKey(), variants.get(i));
            }
        }
        Map<String, CursorPositions> positions = new HashMap<>();
        for (int i = 0; i < builders.length; i++) {
            positions.put(keys.get(i), builders[i].build());
        }
        LOG.info("restored " + restored + " series (" + samples + " samples) and the positions of " + keys.size()
                + " remote write endpoint(s) from " + file + ", written " + Instant.ofEpochMilli(contents.writtenAtMillis()));
        if (skipped > 0) {
            LOG.warning(skipped + " series of the snapshot were not restored: the series limit was reached");
        }
        return positions;
    }

    private void moveAside(String reason) {
        Path aside = dir.resolve(NAME + ".corrupt-" + ASIDE_TIME.format(Instant.ofEpochMilli(clockMillis.getAsLong())));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory();
            LOG.warning("snapshot " + file + " cannot be restored (" + reason + "); moved it to " + aside
                    + " and starting with an empty buffer");
        } catch (IOException e) {
            LOG.warning("snapshot " + file + " cannot be restored (" + reason + ") nor moved aside (" + e
                    + "); starting with an empty buffer");
        }
    }

    private void syncDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Reads until {@code buffer} is full; a file shorter than expected is a truncated snapshot. */
    private static int readFully(FileChannel channel, ByteBuffer buffer, long position)
            throws IOException, SnapshotCorruptException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + total);
            if (n < 0) {
                throw new SnapshotCorruptException("truncated: the file ends early");
            }
            total += n;
        }
        return total;
    }
}
