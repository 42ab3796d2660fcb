package io.promrelay.scrape;

/**
 * The kinds a failed scrape is classified into; {@link #word()} is what /api/v1/targets, the log and the
 * failure counter show.
 */
public enum FailureKind {
    /** The scrape did not fail. */
    NONE(""),
    UNKNOWN("unknown"),
    CONNECTION_REFUSED("connection_refused"),
    CONNECTION_CLOSED("connection_closed"),
    DNS_LOOKUP("dns_lookup"),
    TIMEOUT("timeout"),
    HTTP_TO_HTTPS_PORT("http_to_https_port"),
    HTTPS_TO_HTTP_PORT("https_to_http_port"),
    UNKNOWN_AUTHORITY("x509_unknown_authority"),
    NAME_MISMATCH("x509_name_mismatch"),
    CERTIFICATE_EXPIRED("x509_expired"),
    TLS_HANDSHAKE("tls_handshake"),
    FILE_UNREADABLE("file_unreadable"),
    UNAUTHORIZED("unauthorized"),
    FORBIDDEN("forbidden"),
    NOT_FOUND("not_found"),
    HTTP_STATUS("http_status"),
    BODY_SIZE_LIMIT("body_size_limit"),
    SAMPLE_LIMIT("sample_limit"),
    LABEL_LIMIT("label_limit"),
    PARSE_ERROR("parse_error");

    private final String word;

    FailureKind(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
