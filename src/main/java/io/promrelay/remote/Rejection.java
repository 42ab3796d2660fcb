package io.promrelay.remote;

import java.util.Locale;

/** Why a remote-write request was refused as a whole. */
public enum Rejection {
    /** The snappy block declares more uncompressed bytes than the receiver accepts. */
    TOO_LARGE,
    BAD_SNAPPY,
    BAD_PROTOBUF,
    /** A series whose labels break the protocol's rules (order, uniqueness, names, a metric name). */
    INVALID_LABELS,
    /** A metadata entry without a valid metric family name. */
    INVALID_METADATA,
    OUT_OF_ORDER,
    DUPLICATE_TIMESTAMP,
    TOO_OLD,
    /** The buffer is full of series and this request would add one; space frees as idle series expire. */
    SERIES_LIMIT,
    /** The buffer is at its byte cap; space frees as eviction drops the oldest data. */
    BUFFER_FULL,
    /** The request alone holds more series than the buffer may ever hold, so no retry can succeed. */
    MORE_SERIES_THAN_LIMIT;

    /** The value of the {@code reason} label in self-metrics. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
