package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.promrelay.promql.ParseException;
import io.promrelay.promql.Parser;
import io.promrelay.promql.ScriptExpressions;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PromQL as {@code /api/v1/query} and {@code query_range} receive it: any text. It parses or is refused with a
 * ParseException carrying Prometheus's "line:column: parse error: ..." message; nothing else, whatever the
 * nesting, the regexes in its matchers or the numbers and durations in it.
 */
class PromqlParserFuzzTest {
    /** The relay's HTTP server refuses request lines longer than this, so a GET carries no longer query. */
    private static final int MAX_REQUEST_LINE = 64 * 1024;

    @Timeout(10)
    @MethodSource("scriptSeeds")
    @FuzzTest(maxDuration = "5m")
    void query(byte[] input) {
        if (input.length > MAX_REQUEST_LINE) {
            return;
        }
        String query = new String(input, StandardCharsets.UTF_8);
        ParseContract.parsesOrRefuses(ParseException.class, () -> Parser.parse(query));
    }

    /** Every expression of Prometheus's and the project's PromQL test scripts, as seeds when fuzzing. */
    static Stream<Arguments> scriptSeeds() {
        if (!FixtureSeeds.fuzzing()) {
            return Stream.empty();
        }
        return ScriptExpressions.all().stream()
                .map(e -> Arguments.of((Object) e.getBytes(StandardCharsets.UTF_8)));
    }
}
