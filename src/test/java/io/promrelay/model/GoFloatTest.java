package io.promrelay.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected strings are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints, as Prometheus writes them. */
class GoFloatTest {
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "100000, 100000",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "123456.5, 123456.5",
        "0.5, 0.5",
        "0.0001, 0.0001",
        "0.00001, 1e-05",
        "0.000015, 1.5e-05",
        "1.5e300, 1.5e+300",
        "3.14159, 3.14159",
        "2.5e-310, 2.5e-310",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "8.589934592e9, 8.589934592e+09",
        "0.1, 0.1",
        "-0.25, -0.25",
        "4.9e-324, 5e-324",
        "1e23, 1e+23",
        "2.82879384806159e17, 2.82879384806159e+17",
        "0.3, 0.3",
        "123456789.123, 1.23456789123e+08",
        "0.1234567890123456789, 0.12345678901234568",
    })
    void formatsLikeGo(double value, String expected) {
        assertEquals(expected, GoFloat.format(value));
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf"})
    void formatsSpecialValuesLikeTheTextFormat(double value, String expected) {
        assertEquals(expected, GoFloat.format(value));
    }

    @Test
    void shortDecimalsKeepTheirFewDigits() {
        Random random = new Random(7);
        for (int i = 0; i < 50_000; i++) {
            BigDecimal decimal = BigDecimal.valueOf(random.nextInt(1_000_000_000), random.nextInt(30) - 15);
            double v = decimal.doubleValue();
            String text = GoFloat.format(v);
            assertEquals(v, Double.parseDouble(text), text);
            int writtenDigits = new BigDecimal(text.replace("e+", "e")).stripTrailingZeros().precision();
            assertTrue(writtenDigits <= decimal.stripTrailingZeros().precision(),
                    () -> "longer than the decimal it came from: " + text + " for " + decimal);
        }
    }

    @Test
    void randomDoublesRoundTripInTheFewestDigits() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                continue;
            }
            String text = GoFloat.format(v);
            assertEquals(v, Double.parseDouble(text), text);
            String mantissa = text.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "").replaceFirst("^0+", "");
            BigDecimal exact = new BigDecimal(v);
            if (mantissa.length() > 1) {
                MathContext fewer = new MathContext(mantissa.length() - 1, RoundingMode.HALF_EVEN);
                assertNotEquals(v, exact.round(fewer).doubleValue(), "not shortest: " + text);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"0.1", "1e-7", "123.456", "6.02214076e23", "4.9e-324", "9007199254740993", "1e21"})
    void roundTripsThroughParsing(double value) {
        assertEquals(value, Double.parseDouble(GoFloat.format(value).replace("+Inf", "Infinity")));
    }
}
