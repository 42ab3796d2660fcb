package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Our own PromQL test scripts (src/test/resources/promql/), one test per eval. */
class PromqlScriptsTest {
    private static final List<String> SCRIPTS = List.of("selectors.test", "functions.test", "operators.test");

    @TestFactory
    Stream<DynamicTest> scripts() {
        return SCRIPTS.stream().flatMap(name -> {
            List<TestScriptRunner.Outcome> outcomes = TestScriptRunner.run(name, read(name));
            assertTrue(outcomes.size() > 10, name + " has evals");
            return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.eval().toString(),
                    () -> assertNull(o.failure(), o.eval() + ": " + o.failure())));
        });
    }

    private static String read(String name) {
        try (InputStream in = PromqlScriptsTest.class.getResourceAsStream("/promql/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
