package io.promrelay.promql;

import io.promrelay.testing.SharedFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The expressions of every eval in the PromQL test scripts: Prometheus's ({@code ../shared/promql-tests}, when
 * present) and the project's ({@code src/test/resources/promql}). Seeds for the PromQL parser fuzzer.
 */
public final class ScriptExpressions {
    /** The project's scripts in the test-script format ({@code differential.test} has its own). */
    static final List<String> PROJECT_SCRIPTS = List.of("selectors.test", "functions.test", "operators.test");

    private ScriptExpressions() {
    }

    public static List<String> all() {
        List<String> expressions = new ArrayList<>();
        for (String name : PROJECT_SCRIPTS) {
            expressions.addAll(of(name, projectScript(name)));
        }
        Optional<Path> shared = sharedScriptsDir();
        if (shared.isPresent()) {
            try (Stream<Path> files = Files.list(shared.get())) {
                for (Path file : files.filter(f -> f.toString().endsWith(".test")).sorted().toList()) {
                    expressions.addAll(of(file.getFileName().toString(), Files.readString(file)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return expressions;
    }

    private static List<String> of(String source, String script) {
        return TestScript.parse(source, script).stream()
                .filter(c -> c instanceof TestScript.Eval)
                .map(c -> ((TestScript.Eval) c).expr())
                .toList();
    }

    /** Prometheus's own scripts, {@code ../shared/promql-tests}, when present. */
    static Optional<Path> sharedScriptsDir() {
        return SharedFixtures.dir().map(d -> d.resolveSibling("promql-tests")).filter(Files::isDirectory);
    }

    /** One of the project's scripts in {@code src/test/resources/promql}. */
    static String projectScript(String name) {
        try (InputStream in = ScriptExpressions.class.getResourceAsStream("/promql/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /promql/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
