package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.fail;

import io.promrelay.testing.SharedFixtures;
import java.nio.file.Files;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Cut or damaged input must end in a clean result or a ParseException, never in an index error
 * or any other exception.
 */
class TruncatedInputTest {
    private static final String TEXT = """
            # HELP a_total Help with \\\\ and \\n escapes.
            # TYPE a_total counter
            a_total{x="q\\"uote",y="b\\\\s",z="n\\nl",} 1.5e3 1395066363000
            b { x = "1" y="2" } -Inf
            c NaN
            # free comment
            """;
    private static final String OPEN_METRICS = """
            # TYPE a counter
            # UNIT a_seconds seconds
            # HELP a Help \\"x\\".
            a_total{x="q\\"uote",y="b\\\\s"} 1.5e3 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.067 1520879607.789
            b_bucket{le="+Inf"} 17 # {} NaN
            c 1
            # EOF
            """;

    @Test
    void everyPrefixOfATextBodyParsesOrFailsCleanly() {
        everyPrefix(Parsed.bytes(TEXT), TextParser::new);
    }

    @Test
    void everyPrefixOfAnOpenMetricsBodyParsesOrFailsCleanly() {
        everyPrefix(Parsed.bytes(OPEN_METRICS), OpenMetricsParser::new);
    }

    @Test
    void everyPrefixOfARealOpenMetricsPayloadFailsCleanly() throws Exception {
        byte[] body = Files.readAllBytes(SharedFixtures.require("exposition/prometheus_textparse_1histogram.om.txt"));
        everyPrefix(body, OpenMetricsParser::new);
    }

    @Test
    void randomDamageParsesOrFailsCleanly() {
        Random random = new Random(42);
        byte[] alphabet = Parsed.bytes(" \t\n#{}=,\"\\.eE+-0123456789aINn_:xp\0\r");
        for (String body : new String[] {TEXT, OPEN_METRICS}) {
            byte[] original = Parsed.bytes(body);
            for (int round = 0; round < 20_000; round++) {
                byte[] damaged = original.clone();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    int at = random.nextInt(damaged.length);
                    damaged[at] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
                }
                int length = random.nextInt(damaged.length + 1);
                parseCleanly(damaged, length, TextParser::new);
                parseCleanly(damaged, length, OpenMetricsParser::new);
            }
        }
    }

    private static void everyPrefix(byte[] body, BiFunction<byte[], Integer, Parser> factory) {
        for (int length = 0; length <= body.length; length++) {
            parseCleanly(body, length, factory);
        }
    }

    private static void parseCleanly(byte[] body, int length, BiFunction<byte[], Integer, Parser> factory) {
        try {
            Parsed.drain(factory.apply(body, length));
        } catch (ParseException expected) {
            if (expected.line() < 1) {
                fail("line number " + expected.line() + " for " + new String(body, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        } catch (RuntimeException e) {
            throw new AssertionError("unexpected " + e + " for input of " + length + " bytes: "
                    + new String(body, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1), e);
        }
    }
}
