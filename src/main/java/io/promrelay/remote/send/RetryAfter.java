package io.promrelay.remote.send;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** The {@code Retry-After} response header: delay-seconds or an HTTP-date (RFC 9110, section 10.2.3). */
final class RetryAfter {
    private RetryAfter() {
    }

    /** How long to wait in milliseconds, or empty when the header is absent or unreadable; a past date means 0. */
    static OptionalLong millis(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return OptionalLong.of(Math.multiplyExact(Long.parseLong(value), 1000L));
            } catch (ArithmeticException | NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        try {
            long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli();
            return OptionalLong.of(Math.max(0, at - nowMillis));
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
