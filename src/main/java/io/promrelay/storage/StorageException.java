package io.promrelay.storage;

/**
 * A sample the buffer refused. Thrown per sample on the scrape hot path, so it carries no stack
 * trace; the kind tells callers which counter to bump.
 */
public final class StorageException extends Exception {
    public enum Kind {
        OUT_OF_ORDER("out of order sample"),
        DUPLICATE_TIMESTAMP("duplicate sample for timestamp"),
        TOO_OLD("sample older than the retention"),
        SERIES_LIMIT("active series limit reached"),
        BYTES_LIMIT("buffer byte limit reached");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Kind kind;

    public StorageException(Kind kind) {
        super(kind.text(), null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
