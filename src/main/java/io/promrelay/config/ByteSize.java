package io.promrelay.config;

import java.util.HashMap;
import java.util.Map;

/**
 * Byte sizes as Prometheus reads {@code body_size_limit} (alecthomas/units Base2Bytes): a sum of
 * {@code <number><unit>} terms such as {@code 10MB}, {@code 1.5GiB} or {@code 1MB512KB}, where KB and KiB both
 * mean 1024. Units: B, KB..EB or KiB..EiB (one family per value); lower-case {@code kB} and bare numbers other
 * than {@code 0} are rejected.
 */
public final class ByteSize {
    private static final String[] PREFIXES = {"K", "M", "G", "T", "P", "E"};
    private static final Map<String, Long> IEC_UNITS = units("iB");
    private static final Map<String, Long> LEGACY_UNITS = units("B");

    private ByteSize() {
    }

    private static Map<String, Long> units(String suffix) {
        Map<String, Long> units = new HashMap<>();
        units.put("B", 1L);
        long scale = 1;
        for (String prefix : PREFIXES) {
            scale *= 1024;
            units.put(prefix + suffix, scale);
        }
        return Map.copyOf(units);
    }

    /** Parses {@code text}; throws IllegalArgumentException naming the text when it is not a byte size. */
    public static long parse(String text) {
        try {
            return parse(text, IEC_UNITS);
        } catch (IllegalArgumentException iecFailure) {
            return parse(text, LEGACY_UNITS);
        }
    }

    private static long parse(String text, Map<String, Long> units) {
        String s = text;
        boolean negative = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(text, "no number");
        }
        // Summed as a double, as Go does, so fractions like 1.5MB round the same way.
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".")) {
                throw invalid(text, "expected a number");
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            String unit = s.substring(unitStart, i);
            Long multiplier = units.get(unit);
            if (multiplier == null) {
                throw invalid(text, "unknown unit \"" + unit + "\"");
            }
            total += Double.parseDouble(number) * multiplier;
        }
        if (total >= 0x1p63) {
            throw invalid(text, "too large");
        }
        return negative ? -(long) total : (long) total;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("not a valid byte size \"" + text + "\": " + why
                + " (units: B, KB, MB, GB, TB, PB, EB or KiB, MiB, GiB, TiB, PiB, EiB)");
    }

    /** The form Prometheus prints, largest unit first: {@code 10MiB}, {@code 1KiB1B}, {@code 0B}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative byte size " + bytes);
        }
        if (bytes == 0) {
            return "0B";
        }
        StringBuilder sb = new StringBuilder();
        long rest = bytes;
        for (int p = PREFIXES.length; p >= 1; p--) {
            long scale = 1L << (10 * p);
            if (rest >= scale) {
                sb.append(rest / scale).append(PREFIXES[p - 1]).append("iB");
                rest %= scale;
            }
        }
        if (rest > 0) {
            sb.append(rest).append('B');
        }
        return sb.toString();
    }
}
