package io.promrelay.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay run as its own JVM (this test JVM's java and classpath, {@code io.promrelay.Main}), for tests of what
 * happens when the process is signalled: {@link PeerProcess#close()} sends SIGTERM, as Kubernetes does.
 */
public final class RelayProcess {
    private RelayProcess() {
    }

    /** Starts the relay with {@code flags}; it must listen on 127.0.0.1:{@code port}. Returns once it is ready. */
    public static PeerProcess start(Path workDir, int port, List<String> flags) {
        return PeerProcess.start("promrelay", command(flags), workDir,
                URI.create("http://127.0.0.1:" + port + "/-/ready"));
    }

    /** The command line that runs the relay with {@code flags} in a JVM of its own. */
    public static List<String> command(List<String> flags) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.promrelay.Main"));
        command.addAll(flags);
        return command;
    }
}
