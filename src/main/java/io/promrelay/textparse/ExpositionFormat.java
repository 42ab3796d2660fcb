package io.promrelay.textparse;

import java.util.Locale;

/** The scrape formats Prometheus 2.42 asks for, and the choice of parser from a response's Content-Type. */
public enum ExpositionFormat {
    TEXT,
    OPENMETRICS;

    /** The Accept header Prometheus 2.42 sends on every scrape (without native histograms). */
    public static final String ACCEPT_HEADER = "application/openmetrics-text;version=1.0.0,"
            + "application/openmetrics-text;version=0.0.1;q=0.75,"
            + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    private static final String OPENMETRICS_MEDIA_TYPE = "application/openmetrics-text";

    /**
     * OpenMetrics for {@code application/openmetrics-text} with any parameters, the text format
     * for anything else, including a missing or unknown Content-Type, as Prometheus falls back.
     */
    public static ExpositionFormat forContentType(String contentType) {
        if (contentType == null) {
            return TEXT;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals(OPENMETRICS_MEDIA_TYPE) ? OPENMETRICS : TEXT;
    }

    /** A parser over the first {@code length} bytes of {@code body}. */
    public Parser parser(byte[] body, int length) {
        return this == OPENMETRICS ? new OpenMetricsParser(body, length) : new TextParser(body, length);
    }

    public static Parser parserFor(String contentType, byte[] body, int length) {
        return forContentType(contentType).parser(body, length);
    }
}
