package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.promrelay.promql.SeriesSelectorParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/** {@code match[]} selectors as /federate receives them: any text, regexes included. */
class SeriesSelectorParserFuzzTest {
    /** The relay's HTTP server refuses request lines longer than this, so no match[] is longer. */
    private static final int MAX_REQUEST_LINE = 64 * 1024;

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void selector(byte[] input) {
        if (input.length > MAX_REQUEST_LINE) {
            return;
        }
        String selector = new String(input, StandardCharsets.UTF_8);
        ParseContract.parsesOrRefuses(IllegalArgumentException.class, () -> SeriesSelectorParser.parse(selector));
    }
}
