package io.promrelay.storage;

/** Walks the samples of consecutive chunks that fall within a time range. */
final class ChunksIterator implements SampleIterator {
    static final ChunksIterator EMPTY = new ChunksIterator(new XorChunk[0], 0, 0);

    private final XorChunk[] chunks;
    private final long fromMillis;
    private final long toMillis;
    private int next;
    private XorChunkIterator current;

    ChunksIterator(XorChunk[] chunks, long fromMillis, long toMillis) {
        this.chunks = chunks;
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
    }

    @Override
    public boolean next() {
        while (true) {
            if (current == null && !openNextChunk()) {
                return false;
            }
            while (current.next()) {
                long t = current.timestamp();
                if (t > toMillis) {
                    next = chunks.length;
                    current = null;
                    return false;
                }
                if (t >= fromMillis) {
                    return true;
                }
            }
            current = null;
        }
    }

    private boolean openNextChunk() {
        while (next < chunks.length) {
            XorChunk chunk = chunks[next++];
            if (chunk.overlaps(fromMillis, toMillis)) {
                current = chunk.iterator();
                return true;
            }
        }
        return false;
    }

    @Override
    public long timestamp() {
        return current.timestamp();
    }

    @Override
    public double value() {
        return current.value();
    }
}
