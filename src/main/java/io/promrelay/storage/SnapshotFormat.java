package io.promrelay.storage;

import java.nio.charset.StandardCharsets;

/**
 * Layout of a snapshot file, version 1. All integers are big-endian; "uvarint" is the unsigned LEB128
 * varint of protobuf; a string is a uvarint byte length and UTF-8 bytes.
 *
 * <pre>
 * header   magic "PRLYSNAP" (8 bytes), version (u32), body length in bytes (u64)
 * body     written-at Unix ms (i64)
 *          endpoints: uvarint n, n x key (string)
 *          families: uvarint n, n x { name, uvarint v, v x { type name, help, unit } }   newest description first
 *          series: uvarint n, n x {
 *              uvarint pairs, pairs x { label name, label value }
 *              last write Unix ms (i64), newest timestamp (i64), newest value bits (i64)
 *              one position per endpoint (i64, Long.MIN_VALUE: nothing read)
 *              uvarint chunks, chunks x { uvarint samples, min time (i64), max time (i64), uvarint length, bytes }
 *          }
 * trailer  CRC32C (Castagnoli) of the body (u32)
 * </pre>
 *
 * Chunks are the buffer's XOR chunks byte for byte, so writing and reading never re-encode samples.
 */
final class SnapshotFormat {
    static final byte[] MAGIC = "PRLYSNAP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int HEADER_BYTES = MAGIC.length + Integer.BYTES + Long.BYTES;
    static final int TRAILER_BYTES = Integer.BYTES;

    private SnapshotFormat() {
    }
}
