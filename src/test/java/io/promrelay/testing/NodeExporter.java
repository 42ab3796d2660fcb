package io.promrelay.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's prometheus-node-exporter with a few quick, local collectors, plus the textfile collector serving a
 * payload the test chooses (so series with awkward label values are known to be there).
 */
public final class NodeExporter implements AutoCloseable {
    // Collectors that read /proc and /sys only: quick and present on any Linux machine or container.
    private static final List<String> COLLECTORS = List.of("cpu", "meminfo", "loadavg", "stat", "uname", "os",
            "textfile");

    private final PeerProcess process;
    private final int port;

    private NodeExporter(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static NodeExporter start(Path workDir, String textfilePayload) {
        Path textfileDir = workDir.resolve("textfile");
        TestFiles.write(textfileDir.resolve("test.prom"), textfilePayload);
        int port = PeerProcess.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults",
                "--collector.textfile.directory=" + textfileDir));
        COLLECTORS.forEach(collector -> args.add("--collector." + collector));
        URI metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
        return new NodeExporter(PeerProcess.start(PeerBinary.NODE_EXPORTER, args, workDir, metrics), port);
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** One fresh scrape of its /metrics. */
    public String scrape() {
        return Http.getOk(URI.create("http://" + address() + "/metrics"));
    }

    public String describe() {
        return process.describe();
    }

    @Override
    public void close() {
        process.close();
    }
}
