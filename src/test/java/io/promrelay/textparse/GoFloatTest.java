package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoFloatTest {

    private static double parse(String s) throws GoFloat.Invalid {
        byte[] b = Parsed.bytes(s);
        return GoFloat.parse(b, 0, b.length);
    }

    @Test
    void decimalsAreBitForBitWhatDoubleParseDoubleGives() throws GoFloat.Invalid {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            String s = randomDecimal(random);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(parse(s)), s);
        }
    }

    private static String randomDecimal(Random random) {
        StringBuilder sb = new StringBuilder();
        switch (random.nextInt(3)) {
            case 0 -> sb.append('-');
            case 1 -> sb.append('+');
            default -> { }
        }
        int intDigits = random.nextInt(22);
        for (int k = 0; k < intDigits; k++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        int fractionDigits = random.nextInt(22);
        if (fractionDigits > 0 || intDigits == 0) {
            sb.append('.');
            for (int k = 0; k < Math.max(fractionDigits, intDigits == 0 ? 1 : 0); k++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "+").append(random.nextInt(40));
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "-1", "+1", "1.", ".5", "1e5", "1E+05", "1.5e-3", "0000001.2e-1", "123456789012345678901234567890",
        "0.1", "2.478268416e+09", "9223372036854775808", "1e-400", "4.9e-324", "1.7976931348623157e308"})
    void acceptsGoDecimalForms(String s) throws GoFloat.Invalid {
        assertEquals(Double.parseDouble(s), parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Inf", "inf", "+Inf", "INF", "infinity", "+Infinity", "-inf", "-Infinity", "NaN", "nan", "NAN"})
    void acceptsGoSpecialForms(String s) throws GoFloat.Invalid {
        double v = parse(s);
        if (s.toLowerCase().contains("nan")) {
            assertEquals(0x7ff8000000000001L, Double.doubleToRawLongBits(v));
        } else {
            assertEquals(s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY, v);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "+NaN", "-nan", "infin", "infinit", "Infinityy",
        "0x10", "0x1p3", "1p3", "1_000", "1.0f", "1d", " 1", "1 ", "1e400", "-1e400", "--1", "NaNx"})
    void refusesWhatPrometheusRefuses(String s) {
        assertThrows(GoFloat.Invalid.class, () -> parse(s));
    }
}
