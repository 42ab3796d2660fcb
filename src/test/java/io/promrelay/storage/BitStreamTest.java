package io.promrelay.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BitStreamTest {
    @Test
    void mixedWidthsAndVarintsReadBackInOrder() {
        Random random = new Random(1);
        int n = 2_000;
        long[] values = new long[n];
        int[] widths = new int[n];
        BitWriter writer = new BitWriter(1);
        for (int i = 0; i < n; i++) {
            widths[i] = random.nextInt(65);
            long v = random.nextLong();
            values[i] = widths[i] == 64 ? v : v & ((1L << widths[i]) - 1);
            writer.writeBits(v, widths[i]);
            writer.writeBit(i % 2 == 0);
            writer.writeVarint(v);
            writer.writeUvarint(values[i]);
        }
        BitReader reader = new BitReader(writer.toByteArray());
        Random replay = new Random(1);
        for (int i = 0; i < n; i++) {
            replay.nextInt(65);
            long v = replay.nextLong();
            assertEquals(values[i], reader.readBits(widths[i]), "bits of entry " + i);
            assertEquals(i % 2 == 0, reader.readBit());
            assertEquals(v, reader.readVarint());
            assertEquals(values[i], reader.readUvarint());
        }
    }

    @Test
    void lengthIsRoundedUpToWholeBytes() {
        BitWriter writer = new BitWriter(1);
        writer.writeBits(0b101, 3);
        assertEquals(1, writer.byteLength());
        writer.writeBits(0x3F, 6);
        assertEquals(2, writer.byteLength());
        assertEquals((byte) 0b1011_1111, writer.toByteArray()[0]);
        assertEquals((byte) 0b1000_0000, writer.toByteArray()[1]);
    }
}
