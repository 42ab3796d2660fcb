package io.promrelay.remote;

import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * The snappy block format remote write uses (not the framed stream format). A block starts with its uncompressed
 * length as a little-endian base-128 varint of at most 32 bits; that length is read and checked against the limit
 * and against what the block's size can expand to before anything is allocated, so a small body cannot make the
 * receiver reserve gigabytes, nor a few bytes the limit's worth.
 */
final class SnappyBlock {
    private static final int MAX_HEADER_BYTES = 5;
    private static final long MAX_DECLARED = 0xFFFF_FFFFL;
    /**
     * No snappy element makes more bytes per byte than a 3-byte copy of 64 bytes; 22 also covers the 11 bytes a
     * 2-byte copy may add at the end.
     */
    private static final int MAX_EXPANSION = 22;

    private SnappyBlock() {
    }

    static byte[] uncompress(byte[] block, int maxUncompressedBytes) throws RemoteWriteException {
        long declared = declaredLength(block);
        if (declared > maxUncompressedBytes) {
            throw new RemoteWriteException(Rejection.TOO_LARGE, "snappy block declares " + declared
                    + " bytes uncompressed, more than the limit of " + maxUncompressedBytes + " bytes");
        }
        long payload = block.length - headerLength(block);
        if (declared > payload * MAX_EXPANSION) {
            throw corrupt("block declares " + declared + " bytes uncompressed, more than its " + payload
                    + " compressed bytes can hold");
        }
        byte[] out = new byte[(int) declared];
        try {
            int written = Snappy.uncompress(block, 0, block.length, out, 0);
            if (written != declared) {
                throw corrupt("block declares " + declared + " bytes but holds " + written);
            }
        } catch (IOException e) {
            throw corrupt(e.getMessage());
        }
        return out;
    }

    static long declaredLength(byte[] block) throws RemoteWriteException {
        if (block.length == 0) {
            throw corrupt("empty body");
        }
        long length = 0;
        for (int i = 0; i < Math.min(block.length, MAX_HEADER_BYTES); i++) {
            int b = block[i] & 0xff;
            length |= (long) (b & 0x7f) << (7 * i);
            if (b < 0x80) {
                if (length > MAX_DECLARED) {
                    throw corrupt("length header exceeds 32 bits");
                }
                return length;
            }
        }
        throw corrupt("unterminated length header");
    }

    /** Called once the header is known to be well formed. */
    private static int headerLength(byte[] block) {
        int i = 0;
        while ((block[i] & 0x80) != 0) {
            i++;
        }
        return i + 1;
    }

    private static RemoteWriteException corrupt(String detail) {
        return new RemoteWriteException(Rejection.BAD_SNAPPY, "snappy: corrupt input: " + detail);
    }
}
