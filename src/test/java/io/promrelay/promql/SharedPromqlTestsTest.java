package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs Prometheus's own PromQL test scripts (v2.53.0, in ../shared/promql-tests/) through the
 * engine. Every eval must pass except the ones listed below, which are features we deliberately do
 * not support; a listed case that starts passing fails the test too, so the list stays honest.
 */
class SharedPromqlTestsTest {
    /**
     * file:line of evals expected to fail, each with the reason we do not support the feature. Empty:
     * every eval of the eight v2.53.0 scripts passes (they hold no native-histogram cases).
     */
    private static final Set<String> EXPECTED_FAILURES = Set.of();

    @Test
    void prometheusTestScriptsPass() throws IOException {
        Optional<Path> dir = ScriptExpressions.sharedScriptsDir();
        Assumptions.assumeTrue(dir.isPresent(), "../shared/promql-tests not found above " + System.getProperty("user.dir") + "; skipping");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.get())) {
            files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        int passed = 0;
        int total = 0;
        Set<String> unexpected = new TreeSet<>();
        List<String> report = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            for (TestScriptRunner.Outcome o : TestScriptRunner.run(name, Files.readString(file))) {
                total++;
                String key = name + ":" + o.eval().line();
                boolean listed = EXPECTED_FAILURES.contains(key);
                if (o.passed()) {
                    passed++;
                    if (listed) {
                        unexpected.add(key + " passes now; remove it from EXPECTED_FAILURES");
                    }
                } else if (!listed) {
                    unexpected.add(key + " " + o.eval().expr() + "\n    " + o.failure());
                }
            }
        }
        report.add("Prometheus PromQL test scripts: " + passed + " of " + total + " eval cases pass");
        System.out.println(String.join("\n", report));
        assertEquals("", String.join("\n", unexpected), passed + " of " + total + " pass");
    }
}
