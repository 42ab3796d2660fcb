package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusDurationTest {

    @Test
    void parsesEachUnit() {
        assertEquals(Duration.ofDays(365), PrometheusDuration.parse("1y"));
        assertEquals(Duration.ofDays(14), PrometheusDuration.parse("2w"));
        assertEquals(Duration.ofDays(3), PrometheusDuration.parse("3d"));
        assertEquals(Duration.ofHours(4), PrometheusDuration.parse("4h"));
        assertEquals(Duration.ofMinutes(5), PrometheusDuration.parse("5m"));
        assertEquals(Duration.ofSeconds(6), PrometheusDuration.parse("6s"));
        assertEquals(Duration.ofMillis(7), PrometheusDuration.parse("7ms"));
    }

    @Test
    void parsesCombinationsInDescendingOrder() {
        assertEquals(Duration.ofMinutes(90), PrometheusDuration.parse("1h30m"));
        assertEquals(Duration.ofMillis(123456789), PrometheusDuration.parse("1d10h17m36s789ms"));
        assertEquals(Duration.ofMillis(32230861001L), PrometheusDuration.parse("1y1w1d1h1m1s1ms"));
        assertEquals(Duration.ofSeconds(90), PrometheusDuration.parse("90s"));
    }

    @Test
    void bareZeroIsAllowed() {
        assertEquals(Duration.ZERO, PrometheusDuration.parse("0"));
        assertEquals(Duration.ZERO, PrometheusDuration.parse("0s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1x", "30m1h", "1h 30m", "1.5h", "-1m", "1M", "m", "1S", "1mm"})
    void rejectsWhatPrometheusRejects(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse(text));
        assertEquals("not a valid duration string: \"" + text + "\"", e.getMessage());
    }

    @Test
    void rejectsEmptyAndOverflowingDurations() {
        assertEquals("empty duration string",
                assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse("")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrometheusDuration.parse("99999999999999y"));
    }

    @Test
    void formatsLikePrometheus() {
        assertEquals("0s", PrometheusDuration.format(Duration.ZERO));
        assertEquals("1m30s", PrometheusDuration.format(Duration.ofSeconds(90)));
        assertEquals("15s", PrometheusDuration.format(Duration.ofSeconds(15)));
        assertEquals("2h", PrometheusDuration.format(Duration.ofHours(2)));
        assertEquals("1d1ms", PrometheusDuration.format(Duration.ofDays(1).plusMillis(1)));
        assertEquals("1w", PrometheusDuration.format(Duration.ofDays(7)));
        assertEquals("1y", PrometheusDuration.format(Duration.ofDays(365)));
        assertEquals("90d", PrometheusDuration.format(Duration.ofDays(90)));
        assertEquals("500ms", PrometheusDuration.format(Duration.ofMillis(500)));
    }

    @Test
    void formatThenParseGivesTheSameDuration() {
        for (long millis : new long[] {1, 999, 1000, 61_000, 3_600_001, 86_400_000L * 400 + 5}) {
            Duration d = Duration.ofMillis(millis);
            assertEquals(d, PrometheusDuration.parse(PrometheusDuration.format(d)));
        }
    }
}
