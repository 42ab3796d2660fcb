package io.promrelay.storage;

/** Decodes a stream written by {@link XorChunkAppender}. */
final class XorChunkIterator implements SampleIterator {
    private final BitReader in;
    private final int count;
    private int read;
    private long timestamp;
    private long timeDelta;
    private long valueBits;
    private int leading;
    private int trailing;

    XorChunkIterator(byte[] bytes, int count) {
        this.in = new BitReader(bytes);
        this.count = count;
    }

    @Override
    public boolean next() {
        if (read == count) {
            return false;
        }
        if (read == 0) {
            timestamp = in.readVarint();
            valueBits = in.readBits(64);
        } else if (read == 1) {
            timeDelta = in.readUvarint();
            timestamp += timeDelta;
            readValue();
        } else {
            timeDelta += readDeltaOfDelta();
            timestamp += timeDelta;
            readValue();
        }
        read++;
        return true;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public double value() {
        return Double.longBitsToDouble(valueBits);
    }

    private long readDeltaOfDelta() {
        if (!in.readBit()) {
            return 0;
        }
        if (!in.readBit()) {
            return signed(in.readBits(14), 14);
        }
        if (!in.readBit()) {
            return signed(in.readBits(17), 17);
        }
        if (!in.readBit()) {
            return signed(in.readBits(20), 20);
        }
        return in.readBits(64);
    }

    private static long signed(long bits, int width) {
        return (bits << (64 - width)) >> (64 - width);
    }

    private void readValue() {
        if (!in.readBit()) {
            return;
        }
        if (in.readBit()) {
            leading = (int) in.readBits(5);
            int significant = (int) in.readBits(6);
            trailing = 64 - leading - (significant == 0 ? 64 : significant);
        }
        valueBits ^= in.readBits(64 - leading - trailing) << trailing;
    }
}
