package io.promrelay.storage;

import java.util.Arrays;

/**
 * An append-only bit stream, most significant bit first. Bytes past the write position are always
 * zero, so writing ORs bits into place and a copy of the written prefix is a valid stream.
 */
final class BitWriter {
    private byte[] bytes;
    private int bitLength;

    BitWriter(int initialBytes) {
        bytes = new byte[Math.max(1, initialBytes)];
    }

    void writeBit(boolean bit) {
        ensureBytes(bitLength + 1);
        if (bit) {
            bytes[bitLength >>> 3] |= (byte) (0x80 >>> (bitLength & 7));
        }
        bitLength++;
    }

    /** Writes the low {@code count} bits of {@code value} (0..64), highest first. */
    void writeBits(long value, int count) {
        ensureBytes(bitLength + count);
        int remaining = count;
        while (remaining > 0) {
            int free = 8 - (bitLength & 7);
            int take = Math.min(free, remaining);
            int part = (int) (value >>> (remaining - take)) & ((1 << take) - 1);
            bytes[bitLength >>> 3] |= (byte) (part << (free - take));
            remaining -= take;
            bitLength += take;
        }
    }

    /** Unsigned LEB128, as Go's binary.PutUvarint. */
    void writeUvarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            writeBits((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        writeBits(v, 8);
    }

    /** Zig-zag signed varint, as Go's binary.PutVarint. */
    void writeVarint(long value) {
        writeUvarint((value << 1) ^ (value >> 63));
    }

    int byteLength() {
        return (bitLength + 7) >>> 3;
    }

    /** A trimmed copy of what was written so far; later writes do not affect it. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, byteLength());
    }

    private void ensureBytes(int bits) {
        int needed = (bits + 7) >>> 3;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
