package io.promrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real third-party server (node-exporter, Prometheus) run as a child process on 127.0.0.1 for one test.
 * Its output goes to a log file so that a failing assertion can show what the peer said.
 */
public final class PeerProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Finds an installed peer binary, or skips the calling test naming the Debian package that provides it,
     * so a machine without the peer still runs the rest of the suite.
     */
    public static Path locate(String binary, String debianPackage) {
        Optional<Path> found = searchPath(binary);
        Assumptions.assumeTrue(found.isPresent(),
                binary + " not installed: apt-get install " + debianPackage);
        return found.get();
    }

    private static Optional<Path> searchPath(String binary) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin"));
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** A port that was free a moment ago; the peer binds it right after, which is good enough on a test machine. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code binary args} in {@code workDir} and returns once {@code readyUrl} answers 200; if it never
     * does, or the process exits first, the process is stopped and the failure shows the log's tail.
     */
    public static PeerProcess start(String name, Path binary, List<String> args, Path workDir, URI readyUrl) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(args);
        Path log = workDir.resolve(name + ".log");
        Process process;
        try {
            Files.createDirectories(workDir);
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        PeerProcess peer = new PeerProcess(name, process, log);
        try {
            peer.awaitReady(readyUrl);
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private void awaitReady(URI readyUrl) {
        Await.until(name + " ready at " + readyUrl, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + describe());
            }
            return Http.tryGet(readyUrl).filter(response -> response.status() == 200);
        }, this::describe);
    }

    /** The last lines the peer printed, to append to assertion messages. */
    public String describe() {
        return "\n--- last lines of " + log + " ---\n" + logTail();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
