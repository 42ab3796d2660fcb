package io.promrelay.scrape;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Gathers a response body into one contiguous array for the parser, refusing to grow past a limit
 * so a runaway target cannot exhaust memory.
 */
final class BodyCollector {
    private final long limit;
    private byte[] bytes;
    private int length;

    /** Starts a quarter larger than the last body, so a target whose body grows a little needs no copy. */
    BodyCollector(int expectedSize, long limit) {
        this.limit = limit;
        long initial = Math.min(limit, expectedSize + (long) expectedSize / 4 + 4096);
        this.bytes = new byte[(int) Math.min(initial, Integer.MAX_VALUE - 8)];
    }

    /** Appends a chunk; false when that would exceed the limit (nothing is appended then). */
    boolean append(Buffer chunk) {
        int n = chunk.length();
        if (!makeRoom(n)) {
            return false;
        }
        chunk.getBytes(0, n, bytes, length);
        length += n;
        return true;
    }

    /** Appends the first {@code n} bytes of {@code chunk}; false when that would exceed the limit. */
    boolean append(byte[] chunk, int n) {
        if (!makeRoom(n)) {
            return false;
        }
        System.arraycopy(chunk, 0, bytes, length, n);
        length += n;
        return true;
    }

    private boolean makeRoom(int n) {
        if (length + (long) n > limit) {
            return false;
        }
        if (length + n > bytes.length) {
            long grown = Math.max((long) length + n, Math.min(limit, (long) bytes.length * 2));
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, Integer.MAX_VALUE - 8));
        }
        return true;
    }

    ScrapeBody finish(String contentType, boolean gzip) {
        return new ScrapeBody(bytes, length, contentType, gzip);
    }
}
