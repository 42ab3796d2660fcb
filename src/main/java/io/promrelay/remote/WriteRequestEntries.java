package io.promrelay.remote;

/**
 * Counts the messages (series, labels, samples, exemplars, metadata) a {@code WriteRequest} holds by reading only
 * its wire format, without allocating. protobuf-java builds an object of some 50–150 bytes per message, so a
 * 32 MiB body of two-byte empty entries would become gigabytes of heap; counting first lets the receiver refuse
 * such a request before it is parsed. Malformed input is counted as far as it reads; the parser then names the fault.
 */
final class WriteRequestEntries {
    private enum Kind { WRITE_REQUEST, TIME_SERIES, EXEMPLAR, LEAF }

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;
    private static final int WIRE_FIXED32 = 5;

    private final byte[] message;
    private final long limit;
    private long count;
    private int pos;

    private WriteRequestEntries(byte[] message, long limit) {
        this.message = message;
        this.limit = limit;
    }

    /** The number of messages nested in {@code message}, or a number above {@code limit} once it exceeds it. */
    static long count(byte[] message, long limit) {
        WriteRequestEntries entries = new WriteRequestEntries(message, limit);
        entries.scan(Kind.WRITE_REQUEST, message.length);
        return entries.count;
    }

    private boolean scan(Kind kind, int end) {
        while (pos < end) {
            long tag = varint(end);
            if (tag < 0) {
                return false;
            }
            int field = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case WIRE_VARINT -> {
                    if (varint(end) < 0) {
                        return false;
                    }
                }
                case WIRE_FIXED64 -> pos += 8;
                case WIRE_FIXED32 -> pos += 4;
                case WIRE_LENGTH_DELIMITED -> {
                    long length = varint(end);
                    if (length < 0 || length > end - pos) {
                        return false;
                    }
                    int nestedEnd = pos + (int) length;
                    Kind nested = nested(kind, field);
                    if (nested != null) {
                        if (++count > limit || !scan(nested, nestedEnd)) {
                            return false;
                        }
                    }
                    pos = nestedEnd;
                }
                default -> {
                    return false;
                }
            }
        }
        return pos == end;
    }

    /** The kind of message field {@code field} of a {@code kind} holds, null for scalars and strings. */
    private static Kind nested(Kind kind, int field) {
        return switch (kind) {
            case WRITE_REQUEST -> field == 1 ? Kind.TIME_SERIES : field == 3 ? Kind.LEAF : null;
            case TIME_SERIES -> field == 3 ? Kind.EXEMPLAR : field >= 1 && field <= 4 ? Kind.LEAF : null;
            case EXEMPLAR -> field == 1 ? Kind.LEAF : null;
            case LEAF -> null;
        };
    }

    /** The next base-128 varint, or -1 when it runs past {@code end} or over ten bytes. */
    private long varint(int end) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                return -1;
            }
            byte b = message[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        return -1;
    }
}
