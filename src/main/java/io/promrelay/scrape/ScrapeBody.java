package io.promrelay.scrape;

/**
 * A scraped response body: {@code length} valid bytes of {@code bytes}, its Content-Type, and whether they are
 * still gzip-encoded (see {@link GzipBody}).
 */
record ScrapeBody(byte[] bytes, int length, String contentType, boolean gzip) {
    /** A body as sent, without content encoding. */
    ScrapeBody(byte[] bytes, int length, String contentType) {
        this(bytes, length, contentType, false);
    }
}
