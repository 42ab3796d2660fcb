package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.promrelay.model.Matcher;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * A label matcher's regex, as a relabel rule or a {@code =~} in match[] carries it: it compiles or is
 * refused with IllegalArgumentException, and then matching a label value must finish (Prometheus's RE2
 * matches in linear time, so a hostile regex cannot stall it). The input is the regex, then a NUL byte,
 * then the label value, so seeds and findings stay readable.
 */
class RegexMatcherFuzzTest {
    /** The relay's HTTP server refuses request lines longer than this, so no match[] regex is longer. */
    private static final int MAX_REQUEST_LINE = 64 * 1024;
    /** Label values of this length are everyday (pod names, paths); a matcher must handle them. */
    private static final int MAX_VALUE_CHARS = 64;

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void regexMatch(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        String regex = nul < 0 ? text : text.substring(0, nul);
        String value = nul < 0 ? "" : text.substring(nul + 1, Math.min(text.length(), nul + 1 + MAX_VALUE_CHARS));
        if (regex.length() > MAX_REQUEST_LINE) {
            return;
        }
        ParseContract.parsesOrRefuses(IllegalArgumentException.class,
                () -> Matcher.of(Matcher.Type.REGEX, "label", regex).matches(value));
    }
}
