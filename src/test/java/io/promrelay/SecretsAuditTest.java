package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.testing.Await;
import io.promrelay.testing.ClosedPort;
import io.promrelay.testing.Http;
import io.promrelay.testing.StartedRelay;
import io.promrelay.testing.TestCertificates;
import io.promrelay.testing.TestFiles;
import io.promrelay.testing.TlsTargetServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The secrets audit: a relay runs with every kind of credential it supports (inline and file bearer tokens,
 * authorization credentials, basic-auth passwords, a TLS client key, proxy and URL user-info passwords, Kubernetes
 * API tokens, remote-write credentials) against peers that fail and echo back every request header they receive.
 * Then every log line (at every level), every API response and page, and every command's output are searched
 * for the secret values: none may appear.
 */
class SecretsAuditTest {
    /** Paths of the echoing peer that pick its answer; everything else is answered 401. */
    private static final String STATUS_PATH = "/status/";

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final LogCapture logs = new LogCapture();
    private Vertx vertx;

    @TempDir
    Path dir;

    @BeforeEach
    void captureLogs() {
        logs.install();
        vertx = Vertx.vertx();
    }

    @AfterEach
    void release() throws Exception {
        logs.remove();
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void noSecretAppearsInLogsResponsesOrCommandOutput() throws Exception {
        EchoingPeer echo = EchoingPeer.start(vertx);
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        TlsTargetServer mtlsTarget = TlsTargetServer.withClientCertificate(vertx, certs.localhost(), certs.caCert());
        Path configFile = dir.resolve("promrelay.yml");
        String config = configWithEveryCredential(echo, certs, mtlsTarget.address());
        List<String> seen = new ArrayList<>();
        try (StartedRelay relay = StartedRelay.start(vertx, dir, config)) {
            awaitEveryFailureReported(relay, echo);
            for (String path : pathsToRead()) {
                Http.Response response = Http.get(relay.uri(path));
                seen.add(path + " -> " + response.status() + "\n" + response.body());
            }
            seen.add(run("check-target", "--config.file=" + configFile, "--job=inline-bearer"));
            seen.add(run("check-target", "--config.file=" + configFile, "--job=proxy"));
            seen.add(run("--check-config=" + configFile));
        }
        mtlsTarget.close();
        seen.add(logs.text());

        assertEquals(List.of(), echo.secretsNeverSeen(secrets),
                "the peers must have received every secret, or the audit proves nothing: " + echo.headersSeen());
        List<String> leaks = leaks(seen);
        assertTrue(leaks.isEmpty(), String.join("\n\n", leaks));
        assertTrue(logs.text().contains("inline-bearer") || logs.text().contains("echo"),
                "logs were captured: " + logs.text().length() + " characters");
    }

    private String configWithEveryCredential(EchoingPeer echo, TestCertificates certs, String mtlsTarget) {
        String peer = echo.address();
        Path tokenFile = secretFile("bearer_token_file");
        Path credentialsFile = secretFile("credentials_file");
        Path passwordFile = secretFile("password_file");
        Path remoteTokenFile = secretFile("remote_write bearer_token_file");
        Path kubeconfig = TestFiles.write(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "http://%s"}}]
                users: [{name: u, user: {token: "%s"}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """.formatted(peer, secret("kubeconfig token")));
        secrets.put("TLS private key", keyBody(certs.client().key()));
        String tls = "{ca_file: %s, cert_file: %s, key_file: %s}".formatted(certs.caCert(), certs.client().cert(),
                certs.client().key());
        return """
                promrelay:
                  listen_address: 127.0.0.1:0
                  retention: 1h
                global: {scrape_interval: 1s, scrape_timeout: 1s}
                scrape_configs:
                  - job_name: inline-bearer
                    metrics_path: %1$s401
                    bearer_token: %2$s
                    static_configs: [{targets: ['%3$s']}]
                  - job_name: bearer-file
                    metrics_path: %1$s500
                    bearer_token_file: %4$s
                    static_configs: [{targets: ['%3$s']}]
                  - job_name: authorization-inline
                    metrics_path: %1$s403
                    authorization: {type: Bearer, credentials: %5$s}
                    static_configs: [{targets: ['%3$s']}]
                  - job_name: authorization-file
                    metrics_path: %1$s200
                    authorization: {credentials_file: %6$s}
                    static_configs: [{targets: ['%3$s']}]
                  - job_name: basic-inline
                    metrics_path: %1$s401
                    basic_auth: {username: scraper, password: %7$s}
                    static_configs: [{targets: ['%3$s']}]
                  - job_name: basic-file
                    metrics_path: %1$s404
                    basic_auth: {username: scraper, password_file: %8$s}
                    static_configs: [{targets: ['%3$s']}]
                  - job_name: client-certificate
                    scheme: https
                    tls_config: %9$s
                    static_configs: [{targets: ['%10$s']}]
                  - job_name: proxy
                    proxy_url: http://proxyuser:%11$s@127.0.0.1:%12$d
                    static_configs: [{targets: ['127.0.0.1:%12$d']}]
                  - job_name: kubernetes-api
                    kubernetes_sd_configs:
                      - role: node
                        api_server: http://%3$s
                        authorization: {credentials: %13$s}
                  - job_name: kubernetes-api-basic
                    kubernetes_sd_configs:
                      - role: pod
                        api_server: http://%3$s
                        basic_auth: {username: sd, password: %14$s}
                  - job_name: kubeconfig
                    kubernetes_sd_configs:
                      - role: service
                        kubeconfig_file: %15$s
                  - job_name: etcd
                    etcd_sd_configs:
                      - endpoints: ['https://127.0.0.1:%12$d']
                        tls_config: %9$s
                remote_write:
                  - url: http://%3$s%1$s400
                    name: basic
                    basic_auth: {username: writer, password: %16$s}
                  - url: http://writer:%17$s@%3$s%1$s500
                    name: userinfo
                  - url: http://%3$s%1$s401
                    name: bearer-file
                    bearer_token_file: %18$s
                  - url: http://%3$s%1$s403
                    name: authorization
                    authorization: {credentials: %19$s}
                """.formatted(STATUS_PATH, secret("bearer_token"), peer, tokenFile,
                secret("authorization credentials"), credentialsFile, secret("basic_auth password"), passwordFile,
                tls, mtlsTarget, secret("proxy_url password"), ClosedPort.number(),
                secret("kubernetes authorization"), secret("kubernetes basic_auth password"), kubeconfig,
                secret("remote_write basic_auth password"), secret("remote_write url password"), remoteTokenFile,
                secret("remote_write authorization credentials"));
    }

    /** Waits until every scrape job, discovery and remote-write endpoint has failed and said so at least once. */
    private void awaitEveryFailureReported(StartedRelay relay, EchoingPeer echo) {
        Set<String> failingJobs = Set.of("inline-bearer", "bearer-file", "authorization-inline",
                "authorization-file", "basic-inline", "basic-file", "proxy");
        for (String job : failingJobs) {
            relay.awaitTarget(job, "down with an error", t -> !t.getString("lastError", "").isEmpty());
        }
        relay.awaitTarget("client-certificate", "up", t -> "up".equals(t.getString("health")));
        for (String job : List.of("kubernetes-api", "kubernetes-api-basic", "kubeconfig", "etcd")) {
            Await.until("a discovery failure of " + job, Duration.ofSeconds(60),
                    () -> relay.discoveryFailures(job).isEmpty() ? Optional.empty() : Optional.of(true),
                    () -> "failures: " + new JsonObject(Http.getOk(relay.uri("/api/v1/targets"))).encodePrettily());
        }
        Await.until("every remote-write endpoint to have been refused twice", Duration.ofSeconds(60),
                () -> Stream.of("400", "500", "401", "403").allMatch(s -> echo.requests(STATUS_PATH + s) >= 2)
                        ? Optional.of(true) : Optional.empty(),
                echo::headersSeen);
    }

    private static List<String> pathsToRead() {
        String everything = URLEncoder.encode("{__name__=~\".+\"}", StandardCharsets.UTF_8);
        String upQuery = URLEncoder.encode("up", StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        return List.of("/", "/status", "/targets", "/service-discovery", "/config", "/metrics",
                "/federate?match[]=" + everything, "/api/v1/targets", "/api/v1/targets?state=any",
                "/api/v1/targets/metadata", "/api/v1/metadata", "/api/v1/status/config", "/api/v1/status/flags",
                "/api/v1/status/buildinfo", "/api/v1/status/runtimeinfo", "/api/v1/status/tsdb",
                "/api/v1/labels", "/api/v1/label/job/values", "/api/v1/label/__name__/values",
                "/api/v1/series?match[]=" + everything, "/api/v1/query?query=" + upQuery,
                "/api/v1/query_range?query=" + upQuery + "&start=" + (now - 60) + "&end=" + now + "&step=5",
                "/api/v1/query?query=" + URLEncoder.encode("scrape_samples_scraped", StandardCharsets.UTF_8),
                "/api/v1/query?query=bad((", "/-/healthy", "/-/ready");
    }

    /** The output of a command-line run, both streams, with its exit code. */
    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return String.join(" ", args) + " -> exit " + code + "\n" + out.toString(StandardCharsets.UTF_8)
                + err.toString(StandardCharsets.UTF_8);
    }

    /** Every place a secret shows up, naming the secret and quoting the text around it. */
    private List<String> leaks(List<String> texts) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                for (String part : secret.getValue().split("\n")) {
                    int at = text.indexOf(part);
                    if (at >= 0) {
                        found.add("the " + secret.getKey() + " appears in:\n" + text.substring(
                                Math.max(0, at - 300), Math.min(text.length(), at + part.length() + 100)));
                    }
                }
            }
        }
        return found;
    }

    private String secret(String kind) {
        String value = "s3cr3t-" + kind.replaceAll("[^a-z]", "") + "-" + UUID.randomUUID();
        secrets.put(kind, value);
        return value;
    }

    private Path secretFile(String kind) {
        return TestFiles.write(dir.resolve(kind.replaceAll("[^a-z_]", "") + ".txt"), secret(kind) + "\n");
    }

    /** The base64 lines of a PEM key, each long enough that finding one anywhere is a leak. */
    private static String keyBody(Path pemKey) {
        try {
            return Files.readAllLines(pemKey).stream().filter(l -> !l.startsWith("-----") && l.length() >= 32)
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A peer that fails every request with the status its path names ({@code /status/NNN}, else 401) and writes
     * back every request header it got, as a careless or hostile server would: whatever the relay shows of a
     * peer's answer must not carry the credentials back out.
     */
    private static final class EchoingPeer {
        private final HttpServer server;
        private final Map<String, Integer> requests = new ConcurrentHashMap<>();
        private final Set<String> headers = ConcurrentHashMap.newKeySet();

        private EchoingPeer(HttpServer server) {
            this.server = server;
        }

        static EchoingPeer start(Vertx vertx) throws Exception {
            EchoingPeer[] peer = new EchoingPeer[1];
            HttpServer server = vertx.createHttpServer().requestHandler(request -> peer[0].answer(request));
            peer[0] = new EchoingPeer(server);
            server.listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
            return peer[0];
        }

        private void answer(HttpServerRequest request) {
            String path = request.path();
            requests.merge(path, 1, Integer::sum);
            String echoed = request.headers().entries().stream().map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("\n"));
            headers.add(echoed);
            int status = path.startsWith(STATUS_PATH) ? Integer.parseInt(path.substring(STATUS_PATH.length())) : 401;
            String body = status == 200
                    ? "# a payload that is not the text format\n" + echoed.replace("\n", " ") + " {{\n"
                    : "{\"kind\":\"Status\",\"message\":\"refused " + request.uri() + " with headers " + echoed
                            .replace("\n", "; ").replace("\"", "'") + "\",\"code\":" + status + "}";
            request.response().setStatusCode(status).putHeader("Content-Type",
                    status == 200 ? "text/plain; version=0.0.4" : "application/json").end(body);
        }

        String address() {
            return "127.0.0.1:" + server.actualPort();
        }

        int requests(String path) {
            return requests.getOrDefault(path, 0);
        }

        /** The kinds of secret that travel in a header (basic auth base64 encoded) but no request carried. */
        List<String> secretsNeverSeen(Map<String, String> secrets) {
            String all = String.join("\n", headers);
            String decoded = headers.stream().flatMap(String::lines)
                    .filter(l -> l.regionMatches(true, 0, "Authorization: Basic ", 0, 21))
                    .map(l -> new String(Base64.getDecoder().decode(l.substring(21)), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("\n"));
            return secrets.entrySet().stream()
                    .filter(s -> !s.getValue().contains("\n") && !s.getKey().startsWith("proxy"))
                    .filter(s -> !all.contains(s.getValue()) && !decoded.contains(s.getValue()))
                    .map(Map.Entry::getKey).toList();
        }

        String headersSeen() {
            return "requests by path " + requests + ", " + headers.size() + " distinct header sets";
        }
    }

    /**
     * Every log record of every logger, at every level of the relay's and fabric8's loggers, formatted as the
     * relay's console handler formats it.
     */
    private static final class LogCapture extends Handler {
        private static final List<String> VERBOSE_LOGGERS = List.of("io.promrelay", "io.fabric8");
        private final StringBuffer text = new StringBuffer();
        private final Formatter formatter = new RedactingLogFormatter(new SimpleFormatter());
        private final Map<String, Level> previousLevels = new LinkedHashMap<>();

        void install() {
            setLevel(Level.ALL);
            Logger.getLogger("").addHandler(this);
            for (String name : VERBOSE_LOGGERS) {
                Logger logger = Logger.getLogger(name);
                previousLevels.put(name, logger.getLevel());
                logger.setLevel(Level.ALL);
            }
        }

        void remove() {
            Logger.getLogger("").removeHandler(this);
            previousLevels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
        }

        String text() {
            return text.toString();
        }

        @Override
        public void publish(LogRecord record) {
            text.append(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
