package io.promrelay.config;

import java.util.regex.Pattern;

/** Prometheus's rules for label names in config: {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
final class LabelNames {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private LabelNames() {
    }

    static boolean isValid(String name) {
        return LABEL_NAME.matcher(name).matches();
    }

    static void check(String name, Where where) throws ConfigException {
        if (!isValid(name)) {
            throw where.error("\"" + name + "\" is not a valid label name");
        }
    }
}
