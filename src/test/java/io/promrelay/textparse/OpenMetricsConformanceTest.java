package io.promrelay.textparse;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.SharedFixtures;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the OpenMetrics conformance cases ({@code shared/fixtures/openmetrics/NAME/test.json}).
 * Prometheus 2.42 is the reference: where it scrapes a payload the OpenMetrics suite calls
 * invalid, so does this parser, and the case is listed below with the rule Prometheus leaves
 * unchecked. Each listed case is asserted to still parse, so the list cannot go stale.
 */
class OpenMetricsConformanceTest {

    /** Cases with shouldParse=false that Prometheus 2.42 (and so this parser) accepts. */
    private static final Map<String, String> PROMETHEUS_ACCEPTS = Map.ofEntries(
            Map.entry("bad_clashing_names_0", "a repeated TYPE line for one family is not checked"),
            Map.entry("bad_repeated_metadata_0", "a repeated HELP line for one family is not checked"),
            Map.entry("bad_metadata_in_wrong_place_0", "metadata after a family's samples is not checked"),
            Map.entry("bad_grouping_or_ordering_0", "interleaved label sets of one family are not checked"),
            Map.entry("bad_grouping_or_ordering_4",
                    "a timestamp going backwards parses; storage drops the older sample as out of order"),
            Map.entry("bad_counter_values_0", "a NaN counter value is not checked against the type"),
            Map.entry("bad_info_and_stateset_values_0", "info values other than 1 are not checked"),
            Map.entry("bad_stateset_info_values_0", "stateset values other than 0/1 are not checked"),
            Map.entry("bad_histograms_0", "a histogram without buckets is not checked"),
            Map.entry("bad_histograms_9", "bucket order is not checked"),
            Map.entry("bad_missing_or_invalid_labels_for_a_type_0", "a summary sample without quantile is not checked"),
            Map.entry("bad_exemplars_on_unallowed_metric_types_0", "exemplars are read on any type"),
            Map.entry("bad_exemplars_on_unallowed_samples_0", "exemplars are read on any sample"),
            Map.entry("bad_exemplar_complex_chars",
                    "the 128-code-point exemplar label limit is applied by storage, which drops only the exemplar"));

    @TestFactory
    Stream<DynamicTest> everyTextCaseMatchesPrometheus() throws IOException {
        Path dir = SharedFixtures.require("openmetrics");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> cases = Files.list(dir)) {
            for (Path caseDir : cases.sorted().toList()) {
                Path json = caseDir.resolve("test.json");
                if (!Files.isRegularFile(json)) {
                    continue;
                }
                JsonObject spec = new JsonObject(Files.readString(json));
                if (!"text".equals(spec.getString("type")) || spec.getString("file") == null) {
                    continue;
                }
                String name = caseDir.getFileName().toString();
                byte[] body = Files.readAllBytes(caseDir.resolve(spec.getString("file")));
                boolean shouldParse = spec.getBoolean("shouldParse");
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, body, shouldParse)));
            }
        }
        assertFalse(tests.isEmpty(), "no conformance cases under " + dir);
        return tests.stream();
    }

    private static void check(String name, byte[] body, boolean shouldParse) {
        if (shouldParse || PROMETHEUS_ACCEPTS.containsKey(name)) {
            assertDoesNotThrow(() -> Parsed.drain(new OpenMetricsParser(body, body.length)),
                    shouldParse ? name : name + " (accepted like Prometheus: " + PROMETHEUS_ACCEPTS.get(name) + ")");
        } else {
            ParseException e = assertThrows(ParseException.class, () -> Parsed.drain(new OpenMetricsParser(body, body.length)));
            assertTrue(e.line() >= 1, e.getMessage());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyListedDifferenceIsACaseThatShouldNotParse() {
        Path dir = SharedFixtures.require("openmetrics");
        return PROMETHEUS_ACCEPTS.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            JsonObject spec = new JsonObject(Files.readString(dir.resolve(name).resolve("test.json")));
            assertEquals(false, spec.getBoolean("shouldParse"), name + " is listed as a difference but should parse");
        }));
    }
}
