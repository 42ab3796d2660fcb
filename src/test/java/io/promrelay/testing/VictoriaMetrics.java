package io.promrelay.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Debian's single-node VictoriaMetrics, as a remote-write receiver. */
public final class VictoriaMetrics implements AutoCloseable {
    private final PeerProcess process;
    private final int port;

    private VictoriaMetrics(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it with its data under {@code workDir}; queries see samples up to now (no latency offset). */
    public static VictoriaMetrics start(Path workDir) {
        int port = PeerProcess.freePort();
        List<String> args = List.of(
                "-storageDataPath=" + workDir.resolve("data"),
                "-httpListenAddr=127.0.0.1:" + port,
                "-search.latencyOffset=0s");
        URI ready = URI.create("http://127.0.0.1:" + port + "/health");
        return new VictoriaMetrics(PeerProcess.start(PeerBinary.VICTORIA_METRICS, args, workDir, ready), port);
    }

    public String remoteWriteUrl() {
        return "http://127.0.0.1:" + port + "/api/v1/write";
    }

    /** Raw samples of the matching series up to {@code endSeconds}: /api/v1/export's JSON lines. */
    public String export(String selector, double endSeconds) {
        return Http.getOk(URI.create("http://127.0.0.1:" + port + "/api/v1/export?match[]="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&end=" + endSeconds));
    }

    public String describe() {
        return process.describe();
    }

    @Override
    public void close() {
        process.close();
    }
}
