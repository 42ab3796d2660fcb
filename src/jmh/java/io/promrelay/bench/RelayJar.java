package io.promrelay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;

/** The relay's runnable jar as {@code mvn package} builds it, which the comparisons run as a child process. */
final class RelayJar {
    static final Path PATH = Path.of("target", "promrelay.jar");
    private static final Path CLASSES = Path.of("target", "classes");
    private static final String BUILD = "mvn -o -q -B -DskipTests package";

    private RelayJar() {
    }

    /**
     * The jar; fails naming the build command when it is missing or older than the compiled classes, since a
     * stale jar would measure code that is no longer there.
     */
    static Path require() {
        if (!Files.isRegularFile(PATH)) {
            throw new IllegalStateException(PATH.toAbsolutePath() + " not found; build it first with " + BUILD);
        }
        FileTime built = modified(PATH);
        try (Stream<Path> classes = Files.walk(CLASSES)) {
            classes.filter(Files::isRegularFile).filter(c -> modified(c).compareTo(built) > 0).findAny().ifPresent(c -> {
                throw new IllegalStateException(PATH + " is older than " + c + "; rebuild it with " + BUILD);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + CLASSES, e);
        }
        return PATH;
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
