package io.promrelay.storage;

import io.promrelay.model.Labels;
import java.util.Arrays;

/**
 * One series in the buffer: its closed chunks, its open chunk and its newest sample. The series'
 * own monitor guards the mutable state; no lock is shared between series, so scrapes writing
 * different series never wait on each other. Closed chunks are immutable, so readers hold the
 * monitor only to take a snapshot of the chunk array and a copy of the open chunk.
 */
final class MemSeries {
    /** What appending a sample would do, decided against the series' committed samples. */
    enum Verdict {
        APPEND(null),
        /** The same timestamp and the same value bits as the newest sample: Prometheus drops it silently. */
        IGNORE(null),
        OUT_OF_ORDER(StorageException.Kind.OUT_OF_ORDER),
        DUPLICATE_TIMESTAMP(StorageException.Kind.DUPLICATE_TIMESTAMP),
        /** The retention removed the series meanwhile; the writer must resolve its labels again. */
        SERIES_REMOVED(null);

        private final StorageException.Kind rejection;

        Verdict(StorageException.Kind rejection) {
            this.rejection = rejection;
        }

        /** The kind of rejection, or null when the sample is not an error. */
        StorageException.Kind rejection() {
            return rejection;
        }
    }

    private static final XorChunk[] NO_CHUNKS = new XorChunk[0];
    private static final long NO_SAMPLE = Long.MIN_VALUE;
    private static final long[] NO_POSITIONS = new long[0];

    final long ref;
    final Labels labels;

    private XorChunk[] closed = NO_CHUNKS;
    private XorChunkAppender open;
    private long lastTimestamp = NO_SAMPLE;
    private double lastValue;
    private long lastWriteMillis;
    private volatile boolean removed;
    /** The newest timestamp each open {@link Cursor} read, by cursor slot; slots past the end have read nothing. */
    private long[] positions = NO_POSITIONS;

    MemSeries(long ref, Labels labels, long createdMillis) {
        this.ref = ref;
        this.labels = labels;
        this.lastWriteMillis = createdMillis;
    }

    /**
     * A series read back from a snapshot. Its chunks are kept as they were saved; the chunk that was open
     * is closed, so the next sample starts a new chunk rather than re-encoding the saved one.
     */
    MemSeries(long ref, Labels labels, SavedSeries saved) {
        this(ref, labels, saved.lastWriteMillis());
        this.closed = saved.chunks();
        this.lastTimestamp = saved.chunks().length == 0 ? NO_SAMPLE : saved.lastTimestamp();
        this.lastValue = saved.lastValue();
    }

    /** The series as a snapshot saves it: every chunk, the open one copied, and the newest sample. */
    synchronized SavedSeries save() {
        return new SavedSeries(chunksFrom(Long.MIN_VALUE), lastTimestamp, lastValue, lastWriteMillis);
    }

    boolean isRemoved() {
        return removed;
    }

    synchronized Verdict check(long timestamp, double value) {
        return verdict(timestamp, value);
    }

    /** Appends the sample when the rules allow it, cutting a new chunk every {@link XorChunkAppender#MAX_SAMPLES}. */
    synchronized Verdict append(long timestamp, double value, long nowMillis, UsageDelta usage) {
        Verdict verdict = verdict(timestamp, value);
        if (verdict != Verdict.APPEND) {
            return verdict;
        }
        if (open == null) {
            open = new XorChunkAppender();
        } else if (open.isFull()) {
            XorChunk[] grown = Arrays.copyOf(closed, closed.length + 1);
            grown[closed.length] = open.toChunk();
            closed = grown;
            open = new XorChunkAppender();
            usage.chunkClosed();
        }
        int bytesBefore = open.byteLength();
        open.append(timestamp, value);
        usage.add(open.byteLength() - bytesBefore, 1);
        lastTimestamp = timestamp;
        lastValue = value;
        lastWriteMillis = nowMillis;
        return Verdict.APPEND;
    }

    private Verdict verdict(long timestamp, double value) {
        if (removed) {
            return Verdict.SERIES_REMOVED;
        }
        if (lastTimestamp == NO_SAMPLE || timestamp > lastTimestamp) {
            return Verdict.APPEND;
        }
        if (timestamp < lastTimestamp) {
            return Verdict.OUT_OF_ORDER;
        }
        return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(lastValue)
                ? Verdict.IGNORE : Verdict.DUPLICATE_TIMESTAMP;
    }

    /** The newest sample within [from, to]; cheap when it is the newest sample of the series. */
    boolean latest(long fromMillis, long toMillis, Sample into) {
        synchronized (this) {
            if (lastTimestamp == NO_SAMPLE) {
                return false;
            }
            if (lastTimestamp <= toMillis) {
                if (lastTimestamp < fromMillis) {
                    return false;
                }
                into.timestamp = lastTimestamp;
                into.value = lastValue;
                return true;
            }
        }
        boolean found = false;
        SampleIterator it = samples(fromMillis, toMillis);
        while (it.next()) {
            into.timestamp = it.timestamp();
            into.value = it.value();
            found = true;
        }
        return found;
    }

    SampleIterator samples(long fromMillis, long toMillis) {
        XorChunk[] chunks;
        synchronized (this) {
            chunks = chunksFrom(fromMillis);
        }
        return new ChunksIterator(chunks, fromMillis, toMillis);
    }

    /** The chunks that may hold samples at or after {@code fromMillis}; the caller holds the monitor. */
    private XorChunk[] chunksFrom(long fromMillis) {
        if (open == null || lastTimestamp < fromMillis) {
            return closed;
        }
        XorChunk[] chunks = Arrays.copyOf(closed, closed.length + 1);
        chunks[closed.length] = open.toChunk();
        return chunks;
    }

    /**
     * Hands the cursor's unread samples up to {@code maxTimeMillis} to {@code sink}, oldest first and at most
     * {@code maxSamples}, and moves the cursor past them. Runs under the series' monitor so that the
     * retention cannot count a sample as dropped while it is being read.
     */
    synchronized int read(int slot, long maxTimeMillis, int maxSamples, SampleConsumer sink) {
        long position = position(slot);
        if (removed || lastTimestamp == NO_SAMPLE || lastTimestamp <= position || maxSamples <= 0) {
            return 0;
        }
        ChunksIterator it = new ChunksIterator(chunksFrom(position + 1), position + 1, maxTimeMillis);
        int n = 0;
        long last = position;
        while (n < maxSamples && it.next()) {
            last = it.timestamp();
            sink.accept(last, it.value());
            n++;
        }
        if (n > 0) {
            setPosition(slot, last);
        }
        return n;
    }

    /** Moves the cursor back so that its next read starts at {@code timestamp}, unless it is there already. */
    synchronized void rewind(int slot, long timestamp) {
        if (position(slot) >= timestamp) {
            setPosition(slot, timestamp - 1);
        }
    }

    /** The newest timestamp the cursor in {@code slot} read, or {@link Long#MIN_VALUE} when it read nothing. */
    synchronized long positionOf(int slot) {
        return position(slot);
    }

    synchronized void resume(int slot, long timestamp) {
        setPosition(slot, timestamp);
    }

    synchronized void forgetPosition(int slot) {
        if (slot < positions.length) {
            positions[slot] = NO_SAMPLE;
        }
    }

    private long position(int slot) {
        return slot < positions.length ? positions[slot] : NO_SAMPLE;
    }

    private void setPosition(int slot, long timestamp) {
        if (slot >= positions.length) {
            int length = positions.length;
            positions = Arrays.copyOf(positions, slot + 1);
            Arrays.fill(positions, length, positions.length, NO_SAMPLE);
        }
        positions[slot] = timestamp;
    }

    /** Receives the newest timestamp and the estimated size of each closed chunk. */
    interface ClosedChunkSizes {
        void accept(long maxTimeMillis, long estimatedBytes);
    }

    synchronized void closedChunkSizes(ClosedChunkSizes sizes) {
        for (XorChunk chunk : closed) {
            sizes.accept(chunk.maxTime(), chunk.bytes().length + MemoryEstimate.CLOSED_CHUNK_OVERHEAD);
        }
    }

    synchronized long lastWriteMillis() {
        return lastWriteMillis;
    }

    /**
     * Applies the retention: a series not written since the cutoff is marked removed and frees all
     * its chunks; otherwise closed chunks that end before the cutoff are dropped (the open chunk
     * always stays, it holds the newest sample).
     *
     * <p>Samples an open cursor had not read yet are counted as dropped on that cursor, here and in
     * the other methods that free chunks.
     *
     * @return true when this call removed the series
     */
    synchronized boolean truncate(long cutoffMillis, UsageDelta freed, Cursor[] cursors) {
        if (removed) {
            return false;
        }
        if (lastWriteMillis < cutoffMillis) {
            remove(freed, cursors);
            return true;
        }
        dropClosedBefore(cutoffMillis, freed, cursors);
        return false;
    }

    /** Drops the closed chunks whose newest sample is older than {@code cutoffMillis}. */
    synchronized void evictClosedBefore(long cutoffMillis, UsageDelta freed, Cursor[] cursors) {
        if (!removed) {
            dropClosedBefore(cutoffMillis, freed, cursors);
        }
    }

    /**
     * Removes the series with all its chunks unless it was written at or after {@code idleBeforeMillis}.
     *
     * @return true when this call removed the series
     */
    synchronized boolean evictIfIdle(long idleBeforeMillis, UsageDelta freed, Cursor[] cursors) {
        if (removed || lastWriteMillis >= idleBeforeMillis) {
            return false;
        }
        remove(freed, cursors);
        return true;
    }

    private void remove(UsageDelta freed, Cursor[] cursors) {
        removed = true;
        release(closed.length, freed, cursors);
        if (open != null) {
            countUnread(open.toChunk(), cursors);
            freed.add(-open.byteLength(), -open.count());
            open = null;
        }
        freed.overhead -= MemoryEstimate.series(labels);
        lastTimestamp = NO_SAMPLE;
    }

    private void dropClosedBefore(long cutoffMillis, UsageDelta freed, Cursor[] cursors) {
        int drop = 0;
        while (drop < closed.length && closed[drop].maxTime() < cutoffMillis) {
            drop++;
        }
        if (drop > 0) {
            release(drop, freed, cursors);
        }
    }

    private void release(int oldest, UsageDelta freed, Cursor[] cursors) {
        for (int i = 0; i < oldest; i++) {
            countUnread(closed[i], cursors);
            freed.closedChunkFreed(closed[i].bytes().length, closed[i].count());
        }
        closed = oldest == closed.length ? NO_CHUNKS : Arrays.copyOfRange(closed, oldest, closed.length);
    }

    private void countUnread(XorChunk chunk, Cursor[] cursors) {
        for (Cursor cursor : cursors) {
            long position = position(cursor.slot);
            if (chunk.count() == 0 || chunk.maxTime() <= position) {
                continue;
            }
            if (chunk.minTime() > position) {
                cursor.dropped(chunk.count());
                continue;
            }
            int unread = 0;
            XorChunkIterator it = chunk.iterator();
            while (it.next()) {
                if (it.timestamp() > position) {
                    unread++;
                }
            }
            cursor.dropped(unread);
        }
    }
}
