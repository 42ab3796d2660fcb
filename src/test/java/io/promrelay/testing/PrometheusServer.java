package io.promrelay.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Debian's Prometheus server (or its agent mode), the reference a relay's output is checked against. */
public final class PrometheusServer implements AutoCloseable {

    private final PeerProcess process;
    private final int port;

    private PrometheusServer(PeerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Prometheus with {@code configYaml} as its prometheus.yml and a fresh TSDB under {@code workDir}. */
    public static PrometheusServer start(Path workDir, String configYaml) {
        return start(workDir, configYaml, PeerProcess.freePort(),
                List.of("--storage.tsdb.path=" + workDir.resolve("data")));
    }

    /**
     * Starts Prometheus in agent mode (scrape and remote write only, no queries) with {@code configYaml} and a
     * fresh write-ahead log under {@code workDir}.
     */
    public static PrometheusServer startAgent(Path workDir, String configYaml) {
        return start(workDir, configYaml, PeerProcess.freePort(),
                List.of("--enable-feature=agent", "--storage.agent.path=" + workDir.resolve("agent")));
    }

    /**
     * Starts Prometheus as a remote-write receiver on {@code port} with its TSDB under {@code workDir}; starting
     * again with the same folder and port continues with the data written before.
     */
    public static PrometheusServer startReceiver(Path workDir, int port) {
        return start(workDir, "global: {}\n", port,
                List.of("--storage.tsdb.path=" + workDir.resolve("data"), "--web.enable-remote-write-receiver"));
    }

    private static PrometheusServer start(Path workDir, String configYaml, int port, List<String> extraArgs) {
        Path configFile = TestFiles.write(workDir.resolve("prometheus.yml"), configYaml);
        List<String> args = new ArrayList<>(List.of(
                "--config.file=" + configFile,
                "--web.listen-address=127.0.0.1:" + port));
        args.addAll(extraArgs);
        URI ready = URI.create("http://127.0.0.1:" + port + "/-/ready");
        return new PrometheusServer(PeerProcess.start(PeerBinary.PROMETHEUS, args, workDir, ready), port);
    }

    /** The URL of its remote-write receiver. */
    public String remoteWriteUrl() {
        return "http://" + address() + "/api/v1/write";
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The {@code data.result} of an instant query at the current time. */
    public JsonArray query(String promql) {
        return queryAt(promql, "");
    }

    /** The {@code data.result} of an instant query at {@code timeSeconds} (Unix seconds, decimals allowed). */
    public JsonArray query(String promql, double timeSeconds) {
        return queryAt(promql, "&time=" + timeSeconds);
    }

    private JsonArray queryAt(String promql, String time) {
        URI uri = URI.create("http://" + address() + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8) + time);
        JsonObject answer = new JsonObject(Http.getOk(uri));
        if (!"success".equals(answer.getString("status"))) {
            throw new AssertionError("query " + promql + " failed: " + answer.encode() + describe());
        }
        return answer.getJsonObject("data").getJsonArray("result");
    }

    public String describe() {
        return process.describe();
    }

    @Override
    public void close() {
        process.close();
    }
}
