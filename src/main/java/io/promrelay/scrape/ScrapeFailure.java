package io.promrelay.scrape;

/** Why a scrape failed, worded for /api/v1/targets' lastError; carries no stack trace. */
final class ScrapeFailure extends Exception {
    ScrapeFailure(String message) {
        super(message, null, false, false);
    }
}
