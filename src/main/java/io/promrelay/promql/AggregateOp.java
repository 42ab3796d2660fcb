package io.promrelay.promql;

import java.util.Locale;

/** The aggregation operators; those with a parameter name its type. */
public enum AggregateOp {
    SUM(null), AVG(null), MIN(null), MAX(null), GROUP(null), STDDEV(null), STDVAR(null), COUNT(null),
    COUNT_VALUES(ValueType.STRING), BOTTOMK(ValueType.SCALAR), TOPK(ValueType.SCALAR), QUANTILE(ValueType.SCALAR);

    private final ValueType parameterType;

    AggregateOp(ValueType parameterType) {
        this.parameterType = parameterType;
    }

    /** The type of the first argument, or null when the operator takes none. */
    public ValueType parameterType() {
        return parameterType;
    }

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operator spelled {@code word} in any case, or null. */
    static AggregateOp byKeyword(String word) {
        for (AggregateOp op : values()) {
            if (op.name().equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }
}
