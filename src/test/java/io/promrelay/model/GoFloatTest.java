package io.promrelay.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    })
    void formatsLikeGo(double value, String expected) {
        assertEquals(expected, GoFloat.format(value));
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf"})
    void formatsSpecialValuesLikeTheTextFormat(double value, String expected) {
        assertEquals(expected, GoFloat.format(value));
    }

    @ParameterizedTest
    @CsvSource({"0.1", "1e-7", "123.456", "6.02214076e23", "4.9e-324", "9007199254740993", "1e21"})
    void roundTripsThroughParsing(double value) {
        assertEquals(value, Double.parseDouble(GoFloat.format(value).replace("+Inf", "Infinity")));
    }
}
