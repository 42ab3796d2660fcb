package io.promrelay.promql;

/**
 * Number literals as Prometheus reads them: first as a Go integer with base prefix (so {@code 0x1f}
 * is 31 and {@code 010} is octal 8), else as a float; {@code Inf} and {@code NaN} in any case.
 */
final class NumberSyntax {
    private NumberSyntax() {
    }

    static double parse(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan")) {
            return Double.NaN;
        }
        try {
            if (lower.startsWith("0x")) {
                return Long.parseLong(text.substring(2), 16);
            }
            if (lower.length() > 1 && lower.startsWith("0") && lower.chars().allMatch(Character::isDigit)) {
                return Long.parseLong(text.substring(1), 8);
            }
        } catch (NumberFormatException notInteger) {
            // Go's ParseInt failed too (e.g. "09"); Prometheus then reads the text as a float.
        }
        return Double.parseDouble(text);
    }
}
