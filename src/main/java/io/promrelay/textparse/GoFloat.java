package io.promrelay.textparse;

import java.nio.charset.StandardCharsets;

/**
 * Reads a number the way Prometheus does: Go's {@code strconv.ParseFloat} without the forms Go
 * added in 1.13 (hex mantissas, {@code p} exponents, underscores). So {@code NaN}, {@code Inf},
 * {@code +inf}, {@code -Infinity} (any case) and decimals with exponents are numbers, while Java
 * extras such as {@code 1.0f} or {@code 0x1p3}, and values too large for a double, are not.
 */
final class GoFloat {
    /** Prometheus stores every scraped NaN with this one bit pattern, distinct from the stale marker. */
    static final double NORMAL_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final int MAX_MANTISSA_DIGITS = 18;
    private static final int EXPONENT_CAP = 100_000;

    private GoFloat() {
    }

    /** Text that is not a number to Prometheus; the message says why. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    static double parse(byte[] b, int from, int to) throws Invalid {
        if (hasPostGo113Character(b, from, to)) {
            throw new Invalid("unsupported character in float");
        }
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == to) {
            throw new Invalid("invalid syntax");
        }
        byte first = b[i];
        if (first == 'i' || first == 'I' || first == 'n' || first == 'N') {
            return special(b, i, to, negative, i != from);
        }
        long mantissa = 0;
        int mantissaDigits = 0;
        int scale = 0;
        boolean exact = true;
        boolean sawDigit = false;
        boolean sawDot = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                sawDigit = true;
                if (mantissaDigits < MAX_MANTISSA_DIGITS) {
                    if (mantissa != 0 || c != '0') {
                        mantissa = mantissa * 10 + (c - '0');
                        mantissaDigits++;
                    }
                    if (sawDot) {
                        scale++;
                    }
                } else {
                    exact = false;
                }
            } else if (c == '.' && !sawDot) {
                sawDot = true;
            } else {
                break;
            }
        }
        if (!sawDigit) {
            throw new Invalid("invalid syntax");
        }
        int exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            int digitsFrom = i;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (exponent < EXPONENT_CAP) {
                    exponent = exponent * 10 + (b[i] - '0');
                }
            }
            if (i == digitsFrom) {
                throw new Invalid("invalid syntax");
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != to) {
            throw new Invalid("invalid syntax");
        }
        if (mantissa == 0 && exact) {
            return negative ? -0.0 : 0.0;
        }
        if (exact && mantissa <= MAX_EXACT_MANTISSA) {
            // Both operands are exact doubles, so one correctly rounded operation gives the same
            // double as a full decimal conversion (Clinger's fast path).
            int e10 = exponent - scale;
            if (e10 >= 0 && e10 < POW10.length) {
                double v = mantissa * POW10[e10];
                return negative ? -v : v;
            }
            if (e10 < 0 && -e10 < POW10.length) {
                double v = mantissa / POW10[-e10];
                return negative ? -v : v;
            }
        }
        double v = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        if (Double.isInfinite(v)) {
            throw new Invalid("value out of range");
        }
        return v;
    }

    private static double special(byte[] b, int from, int to, boolean negative, boolean signed) throws Invalid {
        int length = to - from;
        if (!signed && length == 3 && matchesIgnoringCase(b, from, "nan")) {
            return NORMAL_NAN;
        }
        if ((length == 3 || length == 8) && matchesIgnoringCase(b, from, "infinity".substring(0, length))) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new Invalid("invalid syntax");
    }

    /** Prometheus refuses these before asking Go, so they decide its message whatever else the text holds. */
    private static boolean hasPostGo113Character(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 'p' || b[i] == 'P' || b[i] == '_') {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesIgnoringCase(byte[] b, int from, String lowerWord) {
        for (int k = 0; k < lowerWord.length(); k++) {
            if ((b[from + k] | 0x20) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
