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
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A real server (node-exporter, Prometheus, or promrelay itself in a JVM of its own) run as a child process on
 * 127.0.0.1 for one test. Its output goes to a log file so that a failing assertion can show what the peer said.
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

    /** A port that was free a moment ago; the peer binds it right after, which is good enough on a test machine. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code binary args} in {@code workDir} (skipping the test when the binary is not installed) and
     * returns once {@code readyUrl} answers 200; if it never does, or the process exits first, the process is
     * stopped and the failure shows the log's tail.
     */
    public static PeerProcess start(PeerBinary binary, List<String> args, Path workDir, URI readyUrl) {
        return start(binary, args, workDir, "ready at " + readyUrl, () -> answers200(readyUrl));
    }

    /** As {@link #start(PeerBinary, List, Path, URI)} for a peer without an HTTP endpoint: ready when {@code ready} says so. */
    public static PeerProcess start(PeerBinary binary, List<String> args, Path workDir, String readyWhat,
                                    BooleanSupplier ready) {
        List<String> command = new ArrayList<>();
        command.add(binary.locate().toString());
        command.addAll(args);
        return start(binary.name(), command, workDir, readyWhat, peer -> ready.getAsBoolean());
    }

    /** Runs {@code command} (program and arguments) as {@link #start(PeerBinary, List, Path, URI)} runs a peer. */
    public static PeerProcess start(String name, List<String> command, Path workDir, URI readyUrl) {
        return start(name, command, workDir, "ready at " + readyUrl, peer -> answers200(readyUrl));
    }

    private static boolean answers200(URI url) {
        return Http.tryGet(url).filter(response -> response.status() == 200).isPresent();
    }

    /** Runs {@code command} in {@code workDir}, returning once {@code ready} says so of the running peer. */
    public static PeerProcess start(String name, List<String> command, Path workDir, String readyWhat,
                                    Predicate<PeerProcess> ready) {
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
            peer.awaitReady(readyWhat, ready);
        } catch (RuntimeException | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private void awaitReady(String readyWhat, Predicate<PeerProcess> ready) {
        Await.until(name + " " + readyWhat, READY_TIMEOUT, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + describe());
            }
            return ready.test(this) ? Optional.of(true) : Optional.empty();
        }, this::describe);
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the peer printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /** Waits for the peer to exit by itself and returns its exit code; fails when it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still runs after " + timeout.toSeconds() + "s" + describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + name + " to exit", e);
        }
        return process.exitValue();
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
