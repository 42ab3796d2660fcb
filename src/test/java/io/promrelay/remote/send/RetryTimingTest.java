package io.promrelay.remote.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How long the sender waits between retries: doubling backoff, overridden by the receiver's Retry-After. */
class RetryTimingTest {
    private static final long NOW = ZonedDateTime.parse("2025-03-01T12:00:00Z").toInstant().toEpochMilli();

    @Test
    void retryAfterTakesSecondsOrAnHttpDate() {
        assertEquals(OptionalLong.of(120_000), RetryAfter.millis("120", NOW));
        assertEquals(OptionalLong.of(0), RetryAfter.millis("0", NOW));
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.parse("2025-03-01T12:00:05Z"));
        assertEquals(OptionalLong.of(5_000), RetryAfter.millis(inFiveSeconds, NOW));
        assertEquals(OptionalLong.of(0), RetryAfter.millis("Sat, 01 Mar 2025 11:00:00 GMT", NOW), "a past date");
    }

    @Test
    void unreadableRetryAfterIsIgnored() {
        assertEquals(OptionalLong.empty(), RetryAfter.millis(null, NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.millis("soon", NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.millis("-3", NOW));
        assertEquals(OptionalLong.empty(), RetryAfter.millis("99999999999999999999", NOW));
    }

    @Test
    void backoffDoublesFromMinUpToMax() {
        Backoff backoff = new Backoff(30, 200);
        long[] waits = new long[6];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = backoff.next(OptionalLong.empty());
        }
        assertEquals("[30, 60, 120, 200, 200, 200]", java.util.Arrays.toString(waits));
    }

    @Test
    void retryAfterReplacesTheComputedWaitButTheBackoffStillGrows() {
        Backoff backoff = new Backoff(30, 5000);

        assertEquals(2000, backoff.next(OptionalLong.of(2000)));
        assertEquals(60, backoff.next(OptionalLong.empty()));
    }

    @Test
    void aZeroMinimumStillBacksOff() {
        Backoff backoff = new Backoff(0, 100);
        backoff.next(OptionalLong.empty());

        assertEquals(2, backoff.next(OptionalLong.empty()));
    }
}
