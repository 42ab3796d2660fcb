package io.promrelay.storage;

/** Reads a stream written by {@link BitWriter}. Reading past the end is a bug of the caller. */
final class BitReader {
    private final byte[] bytes;
    private int position;

    BitReader(byte[] bytes) {
        this.bytes = bytes;
    }

    boolean readBit() {
        boolean bit = (bytes[position >>> 3] & (0x80 >>> (position & 7))) != 0;
        position++;
        return bit;
    }

    /** Reads {@code count} bits (0..64) as an unsigned number. */
    long readBits(int count) {
        long value = 0;
        int remaining = count;
        while (remaining > 0) {
            int available = 8 - (position & 7);
            int take = Math.min(available, remaining);
            int part = ((bytes[position >>> 3] & 0xFF) >>> (available - take)) & ((1 << take) - 1);
            value = (value << take) | part;
            remaining -= take;
            position += take;
        }
        return value;
    }

    long readUvarint() {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            long b = readBits(8);
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    long readVarint() {
        long u = readUvarint();
        return (u >>> 1) ^ -(u & 1);
    }
}
