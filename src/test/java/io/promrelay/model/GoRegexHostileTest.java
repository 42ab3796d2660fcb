package io.promrelay.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regexes written to hurt: a match[] parameter or a relabel rule is text from outside, so no regex may stall a
 * thread (Go's RE2 matches in linear time, a backtracking engine does not) or exhaust the stack or the heap
 * (Go refuses expressions beyond its size and depth limits, with the messages asserted here, which are
 * Prometheus 2.42's). The timeouts are about hangs, not speed.
 */
class GoRegexHostileTest {
    /** The regex fuzzer's finding: a backtracking engine took 13 s on this. */
    @Test
    @Timeout(10)
    void nestedRepetitionOfDotStarMatchesInLinearTime() {
        GoRegex regex = GoRegex.compileAnchored("(.*a){12}");
        assertFalse(regex.matches("a".repeat(30) + "!"));
        assertTrue(regex.matches("a".repeat(30)));
    }

    @Test
    @Timeout(10)
    void alternationUnderStarOnALongValueMatchesInLinearTime() {
        assertFalse(GoRegex.compileAnchored("(a|aa|a?)*b").matches("a".repeat(100_000)));
    }

    /** RE2/J compiles recursively; a worker thread's stack must not decide whether a regex Go accepts compiles. */
    @Test
    @Timeout(10)
    void deeplyNestedRegexGoAcceptsCompilesOnASmallStack() throws Exception {
        String deepest = "(".repeat(990) + "x{0,1000}" + ")".repeat(990);
        CompletableFuture<Boolean> matched = new CompletableFuture<>();
        Thread small = new Thread(null, () -> {
            try {
                matched.complete(GoRegex.compileAnchored(deepest).matches("xxx"));
            } catch (Throwable e) {
                matched.completeExceptionally(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        assertTrue(matched.get());
    }

    /** Long chains of empty-width steps overflow an ordinary stack while matching; Go matches them. */
    @Test
    @Timeout(10)
    void longChainsOfOptionalPiecesAndAlternativesMatch() {
        GoRegex optional = GoRegex.compileAnchored("a?".repeat(30_000));
        assertTrue(optional.matches("aaa"));
        assertFalse(optional.matches("b"));
        StringBuilder hosts = new StringBuilder("(");
        for (int i = 0; i < 30_000; i++) {
            hosts.append(i == 0 ? "" : "|").append("host").append(i);
        }
        GoRegex instance = GoRegex.compileAnchored(hosts + "):\\d+");
        assertEquals("host29999", instance.match("host29999:9100").group(1));
        assertFalse(instance.matches("host30000:9100"));
    }

    @Test
    void nestingDeeperThanGoAllowsIsRefused() {
        String regex = "(".repeat(999) + "a" + ")".repeat(999);
        assertEquals("invalid regex \"" + regex + "\": error parsing regexp: expression nests too deeply: `^(?:"
                + regex + ")$`", refusal(regex));
        GoRegex.compileAnchored("(".repeat(998) + "a" + ")".repeat(998));
    }

    /** Go 1.19 reports its program-size limit as an internal error; the limit is 128 MiB of instructions. */
    @Test
    @Timeout(10)
    void programLargerThanGoAllowsIsRefusedBeforeItIsBuilt() {
        String regex = "(?:" + "a".repeat(4000) + "){1000}";
        assertEquals("invalid regex \"" + regex + "\": error parsing regexp: regexp/syntax: internal error: `^(?:"
                + regex + ")$`", refusal(regex));
        String twoHalves = "(?:" + "a".repeat(3000) + "){1000}(?:" + "b".repeat(3000) + "){1000}";
        assertTrue(refusal(twoHalves).contains("regexp/syntax: internal error"));
    }

    @Test
    void repeatsMultiplyingPastAThousandAreRefused() {
        assertEquals("invalid regex \"((a{1000}){1000}){1000}\": error parsing regexp: invalid repeat count: `{1000}`",
                refusal("((a{1000}){1000}){1000}"));
    }

    /** A match[] regex near the relay's request line limit, plain text: compiles and matches at once. */
    @Test
    @Timeout(10)
    void longLiteralRegexCompilesAndMatches() {
        String value = "v".repeat(60_000);
        assertTrue(GoRegex.compileAnchored(value + "|x").matches(value));
    }

    private static String refusal(String regex) {
        return assertThrows(IllegalArgumentException.class, () -> GoRegex.compileAnchored(regex)).getMessage();
    }
}
