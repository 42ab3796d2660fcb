package io.promrelay.scrape;

import io.promrelay.config.ScrapeConfig;

/**
 * How many bytes of a scrape body the relay accepts, counted after gzip decoding. Prometheus reads any size
 * unless {@code body_size_limit} says otherwise; the relay must bound what it buffers, so a job without the key
 * gets {@link #DEFAULT_BYTES}, and no job more than {@link #MAX_BYTES}.
 */
record BodyLimit(long bytes, boolean configured) {
    /** The bound for a job that sets no body_size_limit: far above common exporters, far below the heap. */
    static final long DEFAULT_BYTES = 64L << 20;
    /** The most any job may set; one body must fit one Java array with room to spare. */
    static final long MAX_BYTES = 512L << 20;

    static BodyLimit of(ScrapeConfig config) {
        return config.bodySizeLimit() > 0
                ? new BodyLimit(Math.min(config.bodySizeLimit(), MAX_BYTES), true)
                : new BodyLimit(DEFAULT_BYTES, false);
    }

    /** The failure of a body that grew past the limit, worded as Prometheus's "body size limit exceeded". */
    ScrapeFailure exceeded() {
        String which = configured ? "body_size_limit: " + bytes + " bytes"
                : "the relay's default of " + bytes + " bytes for jobs without body_size_limit";
        return new ScrapeFailure("body size limit exceeded (" + which + ")",
                new FailureEvidence.Refused(FailureKind.BODY_SIZE_LIMIT));
    }
}
