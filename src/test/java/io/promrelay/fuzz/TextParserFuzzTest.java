package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scrape bodies served as {@code text/plain}: the text format 0.0.4 parser. */
class TextParserFuzzTest {
    @Timeout(10)
    @MethodSource("fixtureSeeds")
    @FuzzTest(maxDuration = "5m")
    void textBody(byte[] body) {
        ExpositionProperty.check(ExpositionProperty.TEXT_CONTENT_TYPE, body);
    }

    static Stream<Arguments> fixtureSeeds() {
        return FixtureSeeds.exposition();
    }
}
