package io.promrelay.web;

import io.promrelay.promql.QueryException;

/** A failed API call: Prometheus's {@code errorType} with the HTTP status Prometheus 2.42 answers it with. */
final class ApiError extends RuntimeException {
    enum Type {
        BAD_DATA("bad_data", 400), EXECUTION("execution", 422), TIMEOUT("timeout", 503), CANCELED("canceled", 503),
        UNAVAILABLE("unavailable", 503), INTERNAL("internal", 500);

        final String apiName;
        final int httpStatus;

        Type(String apiName, int httpStatus) {
            this.apiName = apiName;
            this.httpStatus = httpStatus;
        }
    }

    private final Type type;

    ApiError(Type type, String message) {
        super(message);
        this.type = type;
    }

    Type type() {
        return type;
    }

    static ApiError badData(String message) {
        return new ApiError(Type.BAD_DATA, message);
    }

    /** Prometheus's wording for a parameter that does not parse: {@code invalid parameter "start": ...}. */
    static ApiError invalidParam(String name, String problem) {
        return badData("invalid parameter \"" + name + "\": " + problem);
    }

    static ApiError of(QueryException e) {
        Type type = switch (e.errorType()) {
            case BAD_DATA -> Type.BAD_DATA;
            case EXECUTION -> Type.EXECUTION;
            case TIMEOUT -> Type.TIMEOUT;
            case CANCELED -> Type.CANCELED;
        };
        return new ApiError(type, e.getMessage());
    }
}
