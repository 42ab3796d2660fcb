package io.promrelay.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the read-only shared fixtures ({@code shared/fixtures}) beside the project or one of its
 * parents, so tests run from the main checkout and from worktrees alike.
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /** The fixtures folder, found by walking up from {@code user.dir}; empty when there is none. */
    public static Optional<Path> dir() {
        for (Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The fixtures sub-folder {@code relative}, skipping the calling test when it is absent. */
    public static Path require(String relative) {
        Optional<Path> dir = dir().map(d -> d.resolve(relative)).filter(Files::exists);
        Assumptions.assumeTrue(dir.isPresent(),
                "shared/fixtures/" + relative + " not found above " + System.getProperty("user.dir") + "; skipping");
        return dir.get();
    }
}
