package io.promrelay.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus's duration syntax: units y, w, d, h, m, s, ms, each at most once and in that order
 * ({@code 1h30m}); a year is 365 days and a day 24 hours. A bare {@code 0} is allowed.
 */
public final class PrometheusDuration {
    private static final Pattern FORM =
            Pattern.compile("(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long DAY = 24L * 60 * 60 * 1000;
    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365 * DAY, 7 * DAY, DAY, 60L * 60 * 1000, 60L * 1000, 1000, 1};

    private PrometheusDuration() {
    }

    /** Parses {@code text}; throws IllegalArgumentException with Prometheus's wording when it is not a duration. */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
        }
        long millis = 0;
        try {
            for (int i = 0; i < UNITS.length; i++) {
                String amount = m.group(i + 1);
                if (amount != null) {
                    millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(amount), UNIT_MILLIS[i]));
                }
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration out of range: \"" + text + "\"");
        }
        return Duration.ofMillis(millis);
    }

    /**
     * Prometheus's canonical form, e.g. {@code 1m30s}; "0s" for zero. Years and weeks are used only when
     * they divide the duration exactly, since {@code 90d} reads better than {@code 12w6d}.
     */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < UNITS.length; i++) {
            boolean onlyWhenExact = i < 2;
            if (onlyWhenExact && millis % UNIT_MILLIS[i] != 0) {
                continue;
            }
            long amount = millis / UNIT_MILLIS[i];
            if (amount > 0) {
                sb.append(amount).append(UNITS[i]);
                millis -= amount * UNIT_MILLIS[i];
            }
        }
        return sb.toString();
    }
}
