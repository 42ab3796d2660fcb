package io.promrelay.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.config.PrometheusDuration;
import io.promrelay.model.Labels;
import io.promrelay.storage.Head;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Evaluates the expressions of src/test/resources/promql/differential.test with a real Prometheus
 * ({@code promtool test rules}, found on the PATH; skipped without it) and with our engine, and
 * requires the same answers: the same label sets, values equal within 1e-6, errors for errors.
 */
class PromtoolDifferentialTest {
    /** A sample no query yields, so that promtool reports every case with what it got. */
    private static final String IMPOSSIBLE = "[{labels: '{__never__=\"1\"}', value: 0}]";
    private static final Pattern SAMPLE = Pattern.compile("(\\{[^}]*\\}) (\\S+?)(?:, |$)");

    private record Case(String expr, long timeMillis) {
    }

    /** Prometheus's answer: an error, or samples by label set. */
    private record Answer(boolean error, Map<Labels, Double> samples) {
    }

    @Test
    void agreesWithPrometheus(@TempDir Path tmp) throws IOException, InterruptedException {
        Optional<Path> promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool.isPresent(), "promtool is not on the PATH; skipping the comparison with Prometheus");
        String script = read("differential.test");
        int at = script.indexOf("\nat ");
        TestScript.Load load = (TestScript.Load) TestScript.parse("differential.test", script.substring(0, at)).get(0);
        String[] rest = script.substring(at + 1).split("\n");
        List<Case> cases = new ArrayList<>();
        for (String time : rest[0].substring(3).trim().split("\\s+")) {
            for (int i = 1; i < rest.length; i++) {
                if (!rest[i].isBlank() && !rest[i].startsWith("#")) {
                    cases.add(new Case(rest[i].trim(), PrometheusDuration.parse(time).toMillis()));
                }
            }
        }
        List<Answer> expected = runPromtool(promtool.get(), tmp, load, cases);
        assertEquals(cases.size(), expected.size(), "promtool answered every case");

        Head head = TestScriptRunner.newHead();
        TestScriptRunner.load(head, load);
        Engine engine = new Engine(EngineOptions.defaults());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String problem = compare(expected.get(i), () -> engine.instantQuery(head.querier(), c.expr(), c.timeMillis()));
            if (problem == null && !expected.get(i).error()) {
                problem = compare(expected.get(i), () -> TestScriptRunner.rangeModeAt(engine, head, c.expr(), c.timeMillis()));
            }
            if (problem != null) {
                mismatches.add(c.expr() + " at " + c.timeMillis() / 1000 + "s: " + problem);
            }
        }
        System.out.println("Compared with promtool: " + (cases.size() - mismatches.size()) + " of " + cases.size() + " cases agree");
        assertEquals("", String.join("\n", mismatches));
    }

    private interface Query {
        QueryResult run();
    }

    private static String compare(Answer want, Query query) {
        QueryResult got;
        try {
            got = query.run();
        } catch (ParseException | QueryException e) {
            return want.error() ? null : "we failed: " + e.getMessage() + "; Prometheus answered " + want.samples();
        }
        if (want.error()) {
            return "Prometheus failed, we answered " + got;
        }
        Map<Labels, Double> ours = new HashMap<>();
        if (got instanceof QueryResult.Scalar s) {
            ours.put(Labels.EMPTY, s.value());
        } else {
            for (QueryResult.Sample s : ((QueryResult.Vector) got).samples()) {
                ours.put(s.labels(), s.value());
            }
        }
        if (!ours.keySet().equals(want.samples().keySet())) {
            return "Prometheus answered " + want.samples() + ", we " + ours;
        }
        for (Map.Entry<Labels, Double> e : want.samples().entrySet()) {
            if (!FloatMath.almostEqual(e.getValue(), ours.get(e.getKey()), 1e-6)) {
                return "for " + e.getKey() + " Prometheus answered " + e.getValue() + ", we " + ours.get(e.getKey());
            }
        }
        return null;
    }

    private static List<Answer> runPromtool(Path promtool, Path tmp, TestScript.Load load, List<Case> cases)
            throws IOException, InterruptedException {
        StringBuilder yaml = new StringBuilder("rule_files: []\nevaluation_interval: 1m\ntests:\n");
        yaml.append("  - interval: ").append(PrometheusDuration.format(Duration.ofMillis(load.intervalMillis()))).append('\n');
        yaml.append("    input_series:\n");
        for (TestScript.SeriesLine s : load.series()) {
            yaml.append("      - series: '").append(s.labels().toString().replace("'", "''")).append("'\n");
            yaml.append("        values: '").append(seriesValues(s.values())).append("'\n");
        }
        yaml.append("    promql_expr_test:\n");
        for (Case c : cases) {
            yaml.append("      - expr: \"").append(c.expr().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
            yaml.append("        eval_time: ").append(c.timeMillis()).append("ms\n");
            yaml.append("        exp_samples: ").append(IMPOSSIBLE).append('\n');
        }
        Path file = tmp.resolve("differential.yml");
        Files.writeString(file, yaml);
        Process p = new ProcessBuilder(promtool.toString(), "test", "rules", file.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("promtool did not finish");
        }
        return parseAnswers(output);
    }

    private static String seriesValues(List<Double> values) {
        StringBuilder sb = new StringBuilder();
        for (Double v : values) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            if (v == null) {
                sb.append('_');
            } else if (io.promrelay.model.StaleNaN.is(v)) {
                sb.append("stale");
            } else {
                sb.append(io.promrelay.model.GoFloat.format(v).replace("+Inf", "Inf"));
            }
        }
        return sb.toString();
    }

    /** promtool prints, per failed case: {@code expr: "...", time: ..., err: ...} or an exp: and a got: line. */
    private static List<Answer> parseAnswers(String output) {
        List<Answer> answers = new ArrayList<>();
        for (String line : output.split("\n")) {
            String t = line.trim();
            if (t.startsWith("expr: \"") && t.contains(", err: ")) {
                answers.add(new Answer(true, Map.of()));
            } else if (t.startsWith("got: ")) {
                answers.add(new Answer(false, samples(t.substring(5))));
            }
        }
        return answers;
    }

    private static Map<Labels, Double> samples(String text) {
        Map<Labels, Double> out = new HashMap<>();
        if (text.equals("nil")) {
            return out;
        }
        java.util.regex.Matcher m = SAMPLE.matcher(text);
        while (m.find()) {
            out.put(TestScript.labels(m.group(1)), FloatMath.parseGoFloat(m.group(2)));
        }
        return out;
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String read(String name) {
        try (InputStream in = PromtoolDifferentialTest.class.getResourceAsStream("/promql/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
