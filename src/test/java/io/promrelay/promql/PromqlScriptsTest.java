package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Our own PromQL test scripts (src/test/resources/promql/), one test per eval. */
class PromqlScriptsTest {
    @TestFactory
    Stream<DynamicTest> scripts() {
        return ScriptExpressions.PROJECT_SCRIPTS.stream().flatMap(name -> {
            List<TestScriptRunner.Outcome> outcomes = TestScriptRunner.run(name, ScriptExpressions.projectScript(name));
            assertTrue(outcomes.size() > 10, name + " has evals");
            return outcomes.stream().map(o -> DynamicTest.dynamicTest(o.eval().toString(),
                    () -> assertNull(o.failure(), o.eval() + ": " + o.failure())));
        });
    }
}
