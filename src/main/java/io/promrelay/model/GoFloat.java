package io.promrelay.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats floats as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}, which is what Prometheus
 * writes in the text format: the shortest digits that round-trip, in exponent form when the
 * decimal exponent is below -4 or 6 and above (1e+06, 1.5e-05), plain otherwise.
 */
public final class GoFloat {
    private GoFloat() {
    }

    public static String format(double v) {
        StringBuilder sb = new StringBuilder(24);
        append(v, sb);
        return sb.toString();
    }

    public static void append(double v, StringBuilder out) {
        if (Double.isNaN(v)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(v)) {
            out.append(v > 0 ? "+Inf" : "-Inf");
            return;
        }
        if (v == 0) {
            out.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
            return;
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            out.append((long) v);
            return;
        }
        double abs = Math.abs(v);
        String s = Double.toString(abs);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int point = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length());
        digits.append(mantissa, 0, point).append(mantissa, point + 1, mantissa.length());
        int decimalPoint = point + exp10;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        decimalPoint -= lead;
        stripTrailingZeros(digits);
        if (mayNotBeShortest(digits.length(), abs) && shorterRoundTrips(digits, decimalPoint, abs)) {
            BigDecimal shortest = shortest(abs, digits.length() - 1);
            String unscaled = shortest.unscaledValue().toString();
            digits.setLength(0);
            digits.append(unscaled);
            decimalPoint = unscaled.length() - shortest.scale();
            stripTrailingZeros(digits);
        }
        if (v < 0) {
            out.append('-');
        }
        int exp = decimalPoint - 1;
        if (exp < -4 || exp >= 6) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int absExp = Math.abs(exp);
            if (absExp < 10) {
                out.append('0');
            }
            out.append(absExp);
        } else if (decimalPoint <= 0) {
            out.append("0.");
            for (int i = decimalPoint; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else if (decimalPoint >= digits.length()) {
            out.append(digits);
            for (int i = digits.length(); i < decimalPoint; i++) {
                out.append('0');
            }
        } else {
            out.append(digits, 0, decimalPoint).append('.').append(digits, decimalPoint, digits.length());
        }
    }

    private static void stripTrailingZeros(StringBuilder digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
    }

    /**
     * Java 17's Double.toString errs only where the digit generation runs to its precision limit (16 or
     * more digits) or in the subnormal range; everywhere else its digits are already the shortest, and
     * the check below, a few hundred nanoseconds, is skipped.
     */
    private static boolean mayNotBeShortest(int digits, double abs) {
        return digits >= 16 || (digits > 1 && abs < Double.MIN_NORMAL);
    }

    /**
     * Java 17's Double.toString sometimes gives more digits than the shortest round-tripping form
     * (JDK-4511638: 9.999999999999999E22 for 1e23, 4.9E-324 for 5e-324). Cheap test first: does
     * either neighbour with one digit fewer parse back to the same double?
     */
    private static boolean shorterRoundTrips(CharSequence digits, int decimalPoint, double abs) {
        int n = digits.length() - 1;
        String down = digits.subSequence(0, n).toString();
        if (parse(down, decimalPoint) == abs) {
            return true;
        }
        String up = new BigDecimal(down).add(BigDecimal.ONE).toPlainString();
        return parse(up, decimalPoint + up.length() - n) == abs;
    }

    private static double parse(String digits, int decimalPoint) {
        return Double.parseDouble("0." + digits + "E" + decimalPoint);
    }

    /** The exact value rounded to the fewest significant digits (at most {@code max}) that round-trip. */
    private static BigDecimal shortest(double abs, int max) {
        BigDecimal exact = new BigDecimal(abs);
        int lo = 1;
        int hi = max;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (exact.round(new MathContext(mid, RoundingMode.HALF_EVEN)).doubleValue() == abs) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return exact.round(new MathContext(lo, RoundingMode.HALF_EVEN));
    }
}
