package io.promrelay.remote;

import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * The snappy block format remote write uses (not the framed stream format). A block starts with its uncompressed
 * length as a little-endian base-128 varint of at most 32 bits; that length is read and checked against the limit
 * before anything is allocated, so a small body cannot make the receiver reserve gigabytes.
 */
final class SnappyBlock {
    private static final int MAX_HEADER_BYTES = 5;
    private static final long MAX_DECLARED = 0xFFFF_FFFFL;

    private SnappyBlock() {
    }

    static byte[] uncompress(byte[] block, int maxUncompressedBytes) throws RemoteWriteException {
        long declared = declaredLength(block);
        if (declared > maxUncompressedBytes) {
            throw new RemoteWriteException(Rejection.TOO_LARGE, "snappy block declares " + declared
                    + " bytes uncompressed, more than the limit of " + maxUncompressedBytes + " bytes");
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

    private static RemoteWriteException corrupt(String detail) {
        return new RemoteWriteException(Rejection.BAD_SNAPPY, "snappy: corrupt input: " + detail);
    }
}
