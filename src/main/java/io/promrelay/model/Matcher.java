package io.promrelay.model;

/**
 * A label matcher as in PromQL selectors: =, !=, =~, !~. Regexes are Go RE2 regexes, fully
 * anchored ({@link GoRegex}), and a missing label matches as the empty string, exactly as in
 * Prometheus.
 */
public final class Matcher {
    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        Type(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    private final Type type;
    private final String name;
    private final String value;
    private final GoRegex regex;

    private Matcher(Type type, String name, String value, GoRegex regex) {
        this.type = type;
        this.name = name;
        this.value = value;
        this.regex = regex;
    }

    /** @throws IllegalArgumentException naming the regex and Go's objection when Go would not compile it */
    public static Matcher of(Type type, String name, String value) {
        boolean isRegex = type == Type.REGEX || type == Type.NOT_REGEX;
        return new Matcher(type, name, value, isRegex ? GoRegex.compileAnchored(value) : null);
    }

    public static Matcher equal(String name, String value) {
        return of(Type.EQUAL, name, value);
    }

    public Type type() {
        return type;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }

    /** Tests a label's value; pass "" for a label the series does not have. */
    public boolean matches(String v) {
        return switch (type) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> regex.matches(v);
            case NOT_REGEX -> !regex.matches(v);
        };
    }

    /** True when a series lacking the label would match, which changes how an index must answer. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(type.symbol).append('"');
        LabelEscaping.escapeValue(value, sb);
        return sb.append('"').toString();
    }
}
