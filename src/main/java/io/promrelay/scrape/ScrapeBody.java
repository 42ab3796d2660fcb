package io.promrelay.scrape;

/** A scraped response body: {@code length} valid bytes of {@code bytes}, and its Content-Type. */
record ScrapeBody(byte[] bytes, int length, String contentType) {
}
