package io.promrelay.promql;

/**
 * A query that could not be answered. {@link #errorType()} is what the HTTP API reports as
 * {@code errorType}; parse errors are {@link ParseException}s instead (bad_data).
 */
public final class QueryException extends RuntimeException {
    /** Prometheus's API error types that the engine can raise. */
    public enum ErrorType {
        BAD_DATA("bad_data"), EXECUTION("execution"), TIMEOUT("timeout"), CANCELED("canceled");

        private final String apiName;

        ErrorType(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    private final ErrorType errorType;

    public QueryException(ErrorType errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public ErrorType errorType() {
        return errorType;
    }

    static QueryException execution(String message) {
        return new QueryException(ErrorType.EXECUTION, message);
    }
}
