package io.promrelay.promql;

/** The four PromQL value types; {@link #displayName} is how Prometheus names them in errors and in the API. */
public enum ValueType {
    SCALAR("scalar", "scalar"),
    VECTOR("instant vector", "vector"),
    MATRIX("range vector", "matrix"),
    STRING("string", "string");

    private final String displayName;
    private final String apiName;

    ValueType(String displayName, String apiName) {
        this.displayName = displayName;
        this.apiName = apiName;
    }

    public String displayName() {
        return displayName;
    }

    /** The {@code resultType} of the query API. */
    public String apiName() {
        return apiName;
    }
}
