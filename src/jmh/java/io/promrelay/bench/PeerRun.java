package io.promrelay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The child processes of one comparison run and their work folder. The processes are stopped when the run
 * closes, or when the JVM exits first; the folder is deleted after a run that finished and kept, with the
 * peers' logs, after one that failed.
 */
final class PeerRun implements AutoCloseable {
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private final String name;
    private final Path work;
    private final List<BenchPeer> started = new CopyOnWriteArrayList<>();
    private final Thread stopOnExit;
    private boolean finished;

    private PeerRun(String name, Path work) {
        this.name = name;
        this.work = work;
        this.stopOnExit = new Thread(this::stopPeers, name + "-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static PeerRun create(String name) throws IOException {
        return new PeerRun(name, Files.createTempDirectory(name));
    }

    /** The folder for one peer's config, data and log. */
    Path dir(String peer) {
        return work.resolve(peer);
    }

    BenchPeer track(BenchPeer peer) {
        started.add(peer);
        return peer;
    }

    /** The run reached its end: the work folder may go. */
    void finished() {
        finished = true;
    }

    /**
     * Sleeps for {@code span}, logging each peer's {@code samples} figure, CPU and memory now and then, and
     * failing early with the peer's log when one of them dies.
     */
    void waitWatching(Duration span, String samplesWhat, ToDoubleFunction<BenchPeer> samples)
            throws InterruptedException {
        long end = System.nanoTime() + span.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, PROGRESS_EVERY.toMillis()));
            StringBuilder progress = new StringBuilder();
            for (BenchPeer peer : started) {
                if (!ProcessHandle.of(peer.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException(peer.name() + " (pid " + peer.pid() + ") died" + peer.describe());
                }
                ProcessUsage usage = peer.usage();
                progress.append(String.format("  %s: %.0f %s, %.1f CPU s, %d MiB RSS", peer.name(),
                        samples.applyAsDouble(peer), samplesWhat, usage.cpuSeconds(), usage.rssBytes() >> 20));
            }
            log(progress.toString().trim());
        }
    }

    static void log(String message) {
        System.out.println(Instant.now() + " " + message);
    }

    private void stopPeers() {
        started.forEach(BenchPeer::close);
    }

    @Override
    public void close() {
        stopPeers();
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
        if (finished) {
            deleteTree(work);
        } else {
            System.err.println(name + ": logs and data kept in " + work);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
