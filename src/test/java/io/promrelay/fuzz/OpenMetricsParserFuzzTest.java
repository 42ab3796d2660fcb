package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Scrape bodies served as {@code application/openmetrics-text}: the OpenMetrics 1.0 parser. */
class OpenMetricsParserFuzzTest {
    @Timeout(10)
    @MethodSource("fixtureSeeds")
    @FuzzTest(maxDuration = "5m")
    void openMetricsBody(byte[] body) {
        ExpositionProperty.check(ExpositionProperty.OPENMETRICS_CONTENT_TYPE, body);
    }

    static Stream<Arguments> fixtureSeeds() {
        return FixtureSeeds.exposition();
    }
}
