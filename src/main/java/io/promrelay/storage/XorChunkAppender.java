package io.promrelay.storage;

/**
 * The open chunk of a series, written with Prometheus's XOR encoding: the first sample raw (varint
 * timestamp, 64 value bits), the second with a timestamp delta, every later one with a
 * delta-of-delta in Prometheus's bucket sizes (0, 14, 17, 20 or 64 bits). Values are XORed with
 * their predecessor and only the meaningful bits between the leading and trailing zeros are kept,
 * reusing the previous window when the new bits fit in it. Values are handled as raw bits, so any
 * NaN payload (the stale marker included) survives exactly.
 *
 * <p>Not thread-safe: the owning series guards it.
 */
final class XorChunkAppender {
    /** Samples per chunk, as in Prometheus; enough to amortise the raw first sample. */
    static final int MAX_SAMPLES = 120;

    private static final int NO_WINDOW = -1;

    private final BitWriter out = new BitWriter(32);
    private int count;
    private long minTime;
    private long maxTime;
    private long timeDelta;
    private long valueBits;
    private int leading = NO_WINDOW;
    private int trailing;

    void append(long timestamp, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            out.writeVarint(timestamp);
            out.writeBits(bits, 64);
            minTime = timestamp;
        } else if (count == 1) {
            timeDelta = timestamp - maxTime;
            out.writeUvarint(timeDelta);
            writeValue(bits);
        } else {
            long delta = timestamp - maxTime;
            writeDeltaOfDelta(delta - timeDelta);
            writeValue(bits);
            timeDelta = delta;
        }
        maxTime = timestamp;
        valueBits = bits;
        count++;
    }

    int count() {
        return count;
    }

    boolean isFull() {
        return count >= MAX_SAMPLES;
    }

    int byteLength() {
        return out.byteLength();
    }

    /** An immutable copy of the samples written so far. */
    XorChunk toChunk() {
        return new XorChunk(out.toByteArray(), count, minTime, maxTime);
    }

    private void writeDeltaOfDelta(long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fits(dod, 14)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, 14);
        } else if (fits(dod, 17)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, 17);
        } else if (fits(dod, 20)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, 20);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    private static boolean fits(long value, int bits) {
        long half = 1L << (bits - 1);
        return value >= -half && value < half;
    }

    private void writeValue(long bits) {
        long xor = bits ^ valueBits;
        if (xor == 0) {
            out.writeBit(false);
            return;
        }
        out.writeBit(true);
        // Five bits hold the leading-zero count, so longer runs are stored as 31 and kept as bits.
        int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
        int trail = Long.numberOfTrailingZeros(xor);
        if (leading != NO_WINDOW && lead >= leading && trail >= trailing) {
            out.writeBit(false);
            out.writeBits(xor >>> trailing, 64 - leading - trailing);
            return;
        }
        leading = lead;
        trailing = trail;
        int significant = 64 - lead - trail;
        out.writeBit(true);
        out.writeBits(lead, 5);
        // Six bits cannot hold 64; a window of 64 significant bits is written as 0.
        out.writeBits(significant & 63, 6);
        out.writeBits(xor >>> trail, significant);
    }
}
