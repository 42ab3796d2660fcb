package io.promrelay.model;

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
        String s = Double.toString(Math.abs(v));
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
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
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
}
