package io.promrelay.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Prometheus's own checker for exposition payloads ({@code promtool check metrics}). */
public final class Promtool {
    /** promtool's exit code when the payload parsed but some metric names break the naming conventions. */
    public static final int LINT_PROBLEMS = 3;

    private Promtool() {
    }

    /** One complaint of the linter: a metric name and what is wrong with it. */
    public record Problem(String metric, String text) {
    }

    /**
     * The outcome of one check; {@code output} has one "metric_name problem" line per lint problem, or the
     * parse error.
     */
    public record Result(int exitCode, String output) {
        public List<Problem> problems() {
            return output.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split(" ", 2))
                    .map(parts -> new Problem(parts[0], parts.length > 1 ? parts[1] : ""))
                    .toList();
        }
    }

    public static Result checkMetrics(String payload) {
        Path binary = PeerBinary.PROMTOOL.locate();
        try {
            Process process = new ProcessBuilder(binary.toString(), "check", "metrics")
                    .redirectErrorStream(true)
                    .start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(payload.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool check metrics did not finish");
            }
            return new Result(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running promtool", e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
