package io.promrelay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/** The relay's runnable jar as {@code mvn package} builds it, which the comparisons run as a child process. */
final class RelayJar {
    static final Path PATH = Path.of("target", "promrelay.jar");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main"), Path.of("proto"));
    private static final String BUILD = "mvn -o -q -B -DskipTests package";

    private RelayJar() {
    }

    /**
     * The jar; fails naming the build command when it is missing or older than a main source file, since a stale
     * jar would measure code that is no longer there. (Sources, not classes: every Maven build rewrites classes.)
     */
    static Path require() {
        if (!Files.isRegularFile(PATH)) {
            throw new IllegalStateException(PATH.toAbsolutePath() + " not found; build it first with " + BUILD);
        }
        FileTime built = modified(PATH);
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(Files::isRegularFile).filter(f -> modified(f).compareTo(built) > 0).findAny().ifPresent(f -> {
                    throw new IllegalStateException(PATH + " is older than " + f + "; rebuild it with " + BUILD);
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + root, e);
            }
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
